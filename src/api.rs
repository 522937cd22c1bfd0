//! The APIs reqlint knows, by their stable ids (docs/spec/interface.md "Names").

use std::fmt;
use std::str::FromStr;

/// One request type reqlint can lint. The id (`as_str`) is a public contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Api {
    /// Huawei Cloud IMS `POST /v2/cloudimages/action` (`huawei-ims-create-image`).
    HuaweiImsCreateImage,
    /// Huawei Cloud IMS `POST /v1/cloudimages/wholeimages/action`
    /// (`huawei-ims-create-whole-image`).
    HuaweiImsCreateWholeImage,
    /// OpenStack Nova's `createImage` server action (`openstack-nova-create-image`).
    OpenstackNovaCreateImage,
    /// Alibaba Cloud ECS `CreateImage` (`alibaba-ecs-create-image`).
    AlibabaEcsCreateImage,
}

impl Api {
    /// Every API, in the order `reqlint rules` lists them.
    pub const ALL: [Api; 4] = [
        Api::HuaweiImsCreateImage,
        Api::HuaweiImsCreateWholeImage,
        Api::OpenstackNovaCreateImage,
        Api::AlibabaEcsCreateImage,
    ];

    /// The API id (`huawei-ims-create-image`), as the command line and the output name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Api::HuaweiImsCreateImage => "huawei-ims-create-image",
            Api::HuaweiImsCreateWholeImage => "huawei-ims-create-whole-image",
            Api::OpenstackNovaCreateImage => "openstack-nova-create-image",
            Api::AlibabaEcsCreateImage => "alibaba-ecs-create-image",
        }
    }

    /// The request this id stands for, as a person would name it.
    pub fn title(self) -> &'static str {
        match self {
            Api::HuaweiImsCreateImage => "Huawei Cloud IMS POST /v2/cloudimages/action",
            Api::HuaweiImsCreateWholeImage => {
                "Huawei Cloud IMS POST /v1/cloudimages/wholeimages/action"
            }
            Api::OpenstackNovaCreateImage => {
                "OpenStack / Huawei ECS POST /v2.1/{project_id}/servers/{server_id}/action (createImage)"
            }
            Api::AlibabaEcsCreateImage => "Alibaba Cloud ECS CreateImage (2014-05-26)",
        }
    }
}

impl Api {
    /// Whether the cloud validates the body as strict JSON before anything else, as nova does
    /// with its JSON Schema: a `null` member is then a value of the wrong type (not an absent
    /// member), and a byte-order mark makes the body malformed. Both are answered with HTTP 400
    /// (docs/spec/decisions.md "`null` in nova", "Byte-order mark"). The other clouds' SDKs and
    /// providers send `null` members, and their gateways take them as absent.
    pub fn strict_json(self) -> bool {
        matches!(self, Api::OpenstackNovaCreateImage)
    }

    /// The cloud's public documentation of this request: page title and address.
    pub fn documentation(self) -> (&'static str, &'static str) {
        match self {
            Api::HuaweiImsCreateImage => (
                "Huawei Cloud IMS API Reference, Creating an Image",
                "https://support.huaweicloud.com/intl/en-us/api-ims/ims_03_0603.html",
            ),
            Api::HuaweiImsCreateWholeImage => (
                "Huawei Cloud IMS API Reference, Creating a Full-ECS Image",
                "https://support.huaweicloud.com/intl/en-us/api-ims/ims_03_0101.html",
            ),
            Api::OpenstackNovaCreateImage => (
                "Huawei Cloud ECS API Reference, Creating an Image Using an ECS; OpenStack Compute API, Create Image (createImage Action)",
                "https://docs.openstack.org/api-ref/compute/#create-image-createimage-action",
            ),
            Api::AlibabaEcsCreateImage => (
                "Alibaba Cloud ECS API Reference, CreateImage",
                "https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createimage",
            ),
        }
    }
}

impl fmt::Display for Api {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Api {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Api::ALL
            .into_iter()
            .find(|api| api.as_str() == s)
            .ok_or_else(|| {
                let ids: Vec<_> = Api::ALL.iter().map(|a| a.as_str()).collect();
                format!("unknown API id `{s}`; expected one of: {}", ids.join(", "))
            })
    }
}

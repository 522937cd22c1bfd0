//! Clouds that run an API under their own name (Open Telekom Cloud and FlexibleEngine run
//! Huawei Cloud's IMS API), and how a request shows that it targets one
//! (`rules/huawei/clouds.json`). Front-ends say which cloud a request targets when the file
//! tells; rules that depend on it read [`crate::rule::Ctx::cloud`].

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(Deserialize)]
struct Cloud {
    terraform_providers: Vec<String>,
    host_suffixes: Vec<String>,
}

#[derive(Deserialize)]
struct Clouds {
    clouds: BTreeMap<String, Cloud>,
}

static CLOUDS: LazyLock<Vec<(&'static str, Cloud)>> = LazyLock::new(|| {
    let clouds: Clouds = serde_json::from_str(include_str!("../rules/huawei/clouds.json"))
        .expect("bundled clouds.json is valid");
    clouds
        .clouds
        .into_iter()
        .map(|(id, cloud)| (&*Box::leak(id.into_boxed_str()), cloud))
        .collect()
});

/// The cloud a Terraform resource of this type targets (`opentelekomcloud_ims_image_v2`):
/// the one whose provider it belongs to, `None` for Huawei Cloud's own and any other.
pub fn of_terraform_type(resource_type: &str) -> Option<&'static str> {
    let provider = resource_type.split('_').next()?;
    CLOUDS
        .iter()
        .find(|(_, c)| c.terraform_providers.iter().any(|p| p == provider))
        .map(|(id, _)| *id)
}

/// The cloud an endpoint host belongs to (`ims.eu-de.otc.t-systems.com`), in any letter case.
pub fn of_host(host: &str) -> Option<&'static str> {
    let host = host.to_ascii_lowercase();
    CLOUDS
        .iter()
        .flat_map(|(id, c)| c.host_suffixes.iter().map(move |s| (*id, s.as_str())))
        .filter(|(_, suffix)| host.ends_with(suffix))
        .max_by_key(|(_, suffix)| suffix.len())
        .map(|(id, _)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn providers_and_hosts_name_their_cloud() {
        assert_eq!(
            of_terraform_type("opentelekomcloud_ims_image_v2"),
            Some("open-telekom-cloud")
        );
        assert_eq!(
            of_terraform_type("flexibleengine_images_image"),
            Some("flexibleengine")
        );
        assert_eq!(of_terraform_type("huaweicloud_images_image"), None);
        assert_eq!(
            of_host("IMS.eu-de.otc.t-systems.com"),
            Some("open-telekom-cloud")
        );
        assert_eq!(
            of_host("ims.eu-west-0.prod-cloud-ocb.orange-business.com"),
            Some("flexibleengine")
        );
        assert_eq!(
            of_host("ims.eu-ch2.sc.otc.t-systems.com"),
            Some("open-telekom-cloud-swiss")
        );
        assert_eq!(of_host("ims.cn-north-4.myhuaweicloud.com"), None);
        assert_eq!(of_host("evil-otc.t-systems.com.example.com"), None);
    }
}

use crate::api::Api;
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "IMS003",
    name: "instance-id-with-data-images",
    apis: &[Api::HuaweiImsCreateImage],
    severity: Severity::Error,
    summary: "`instance_id` is used together with `data_images` from ECS data disks",
    why: "The documentation of `data_images` says: \"You cannot specify instance_id\" when data disk images are created from the data disks of an ECS. Send the system disk image and the data disk images as two requests.",
    fix: "remove `instance_id` to create the data disk images, and create the system disk image in a separate request",
    invalid: r#"{"instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "name": "ims_test", "data_images": [{"name": "ims_data_image_test", "volume_id": "c5dfbd0c-bf0a-4798-a453-61dc6b54aa30"}]}"#,
    valid: r#"{"data_images": [{"name": "ims_data_image_test", "volume_id": "c5dfbd0c-bf0a-4798-a453-61dc6b54aa30"}]}"#,
    source: "Huawei IMS API reference, Creating an Image (data_images note); docs/spec/constraints.md CI-3, §11",
    cloud_error: Some("IMG.0001"),
    constraints: &["CI-3", "N-9"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let set = |name| {
        ctx.get(name)
            .is_some_and(|v| !crate::rules::huawei::variants::is_empty(v))
    };
    if set("instance_id") && set("data_images") {
        r.report(
            Target::key("/data_images"),
            "`data_images` cannot be created from ECS data disks in a request with `instance_id`",
        )
        .label(Target::key("/instance_id"), "`instance_id` is set here");
    }
}

use super::{API, metadata};
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "NOVA009",
    name: "too-many-metadata-items",
    apis: API,
    severity: Severity::Warning,
    summary: "`createImage.metadata` has more than 128 items, the default quota",
    why: "Below microversion 2.39 Nova checks the item count against the project's `metadata_items` quota, 128 by default, and answers HTTP 403 \"Image metadata limit exceeded\". The quota is per project, hence a warning.",
    fix: "keep at most 128 metadata items, or check the project's `metadata_items` quota",
    invalid: "",
    valid: r#"{"createImage": {"name": "new-image-name", "metadata": {"ImageType": "Gold"}}}"#,
    source: "Nova common.check_img_metadata_properties_quota, conf/quota.py; docs/spec/constraints.md NV-8",
    cloud_error: None,
    constraints: &["NV-8"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if let Some(m) = metadata(ctx.body)
        && m.len() > 128
    {
        r.report(
            Target::key("/createImage/metadata"),
            format!(
                "`createImage.metadata` has {} items, more than the default quota of 128",
                m.len()
            ),
        );
    }
}

use super::variants::{Selection, select};
use crate::pointer;
use crate::rule::{Ctx, Reporter, Target};
use serde_json::Value;

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Selection::One(model, variant) = *ctx.memo(select) else {
        return;
    };
    for member in &variant.required {
        if !ctx.has(member) {
            r.report(
                Target::missing_in(""),
                format!("missing `{member}`, required to create {}", variant.title),
            )
            .missing(*member)
            .label(
                Target::key(pointer::push("", variant.selected_by)),
                format!("`{}` selects this way", variant.selected_by),
            );
        }
    }
    let (Some(kind), Some(Value::Array(elements))) =
        (model.element(variant), ctx.get("data_images"))
    else {
        return;
    };
    for (i, e) in elements.iter().enumerate() {
        let Value::Object(e) = e else { continue };
        let at = pointer::push_index("/data_images", i);
        for member in &kind.required {
            if !e.contains_key(*member) {
                r.report(
                    Target::missing_in(at.clone()),
                    format!(
                        "`data_images[{i}]` has no `{member}`, required for {}",
                        kind.title
                    ),
                )
                .missing(*member);
            }
        }
    }
}

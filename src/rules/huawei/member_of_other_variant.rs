use super::variants::{Selection, is_empty, select};
use crate::pointer;
use crate::rule::{Ctx, FixAction, Reporter, Target};
use serde_json::Value;

/// A member of the body, or of a `data_images` element, that belongs to another variant.
pub struct Stray {
    pub pointer: String,
    /// How the message names it (`min_disk`, `data_images[0].volume_id`).
    pub shown: String,
    pub name: String,
    pub empty: bool,
    /// What the request creates, and what the member belongs to.
    pub here: &'static str,
    pub owner: &'static str,
    /// The member that selects the variant, and the variant's title.
    pub selected_by: &'static str,
    pub variant: &'static str,
}

/// Every member of another variant, empty or not; found once per body, for IMS005 and IMS020.
pub fn strays(ctx: &Ctx<'_>) -> std::rc::Rc<Vec<Stray>> {
    ctx.memo(find_strays)
}

fn find_strays(ctx: &Ctx<'_>) -> Vec<Stray> {
    let Selection::One(model, variant) = *ctx.memo(select) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in ctx.body {
        let k = key.as_str();
        if variant.allowed.contains(k) {
            continue;
        }
        if let Some(owner) = model.variants.iter().find(|v| v.allowed.contains(k)) {
            out.push(Stray {
                pointer: pointer::push("", k),
                shown: k.to_string(),
                name: k.to_string(),
                empty: is_empty(value),
                here: variant.title,
                owner: owner.title,
                selected_by: variant.selected_by,
                variant: variant.title,
            });
        }
    }
    let (Some(kind), Some(Value::Array(items))) = (model.element(variant), ctx.get("data_images"))
    else {
        return out;
    };
    for (i, e) in items.iter().enumerate() {
        let Value::Object(e) = e else { continue };
        for (key, value) in e {
            let k = key.as_str();
            if kind.allowed.contains(k) {
                continue;
            }
            if let Some(owner) = model.elements.values().find(|o| o.allowed.contains(k)) {
                out.push(Stray {
                    pointer: pointer::push(&pointer::push_index("/data_images", i), k),
                    shown: format!("data_images[{i}].{k}"),
                    name: k.to_string(),
                    empty: is_empty(value),
                    here: kind.title,
                    owner: owner.title,
                    selected_by: variant.selected_by,
                    variant: variant.title,
                });
            }
        }
    }
    out
}

impl Stray {
    /// Reports this member with `message`, a label on the member that chose the variant, and
    /// its removal as the fix (`title`).
    pub fn report(&self, r: &mut Reporter, message: String, title: String) {
        r.report(Target::key(self.pointer.clone()), message)
            .label(
                Target::key(pointer::push("", self.selected_by)),
                format!("`{}` selects {}", self.selected_by, self.variant),
            )
            .fix(
                title,
                FixAction::RemoveMember {
                    pointer: self.pointer.clone(),
                },
            );
    }
}

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for s in strays(ctx).iter().filter(|s| !s.empty) {
        let message = format!(
            "`{}` is not used for {}; it belongs to {}",
            s.shown, s.here, s.owner
        );
        s.report(r, message, format!("remove `{}`", s.name));
    }
}

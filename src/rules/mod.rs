//! The registry: every rule reqlint has, in code order. Codes are stable forever; a retired code
//! is never reused (`tests/rule_codes.txt` pins them).

use crate::api::Api;
use crate::rule::{Check, Ctx, Reporter, Rule};
use std::collections::HashMap;
use std::sync::LazyLock;

pub mod alibaba_ecs_create_image;
mod declared;
pub mod huawei;
pub mod huawei_ims_create_image;
pub mod huawei_ims_create_whole_image;
pub mod openstack_nova_create_image;
pub mod text;
pub mod unknown;

/// Every rule, in code order.
pub fn all() -> &'static [&'static Rule] {
    static ALL: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
        let mut all: Vec<&'static Rule> = Vec::new();
        all.extend(declared::rules());
        all.sort_by_key(|r| r.code);
        all
    });
    &ALL
}

/// A rule that was removed: its code and name are never given to another rule, and
/// `reqlint rule CODE` and its documentation page say why it went.
pub struct Retired {
    pub code: &'static str,
    pub name: &'static str,
    /// The day it was removed (YYYY-MM-DD).
    pub since: &'static str,
    /// Why, with the source that showed it.
    pub why: &'static str,
}

/// Every retired rule, in code order (`tests/rule_codes.txt` pins them too).
pub const RETIRED: &[Retired] = &[Retired {
    code: "ALI030",
    name: "ignored-platform",
    since: "2026-12-02",
    why: "It advised that `Platform` and `Architecture` have no effect beside `InstanceId`. No Alibaba Cloud source says so, and Alibaba's own CreateImage API reference example, the alicloud Terraform provider's example and its acceptance tests send them together, so the advice had nothing to stand on (docs/spec/decisions.md, \"No advice without a source\").",
}];

/// The retired rule with this code or name, in any letter case.
pub fn retired(code_or_name: &str) -> Option<&'static Retired> {
    RETIRED.iter().find(|r| {
        r.code.eq_ignore_ascii_case(code_or_name) || r.name.eq_ignore_ascii_case(code_or_name)
    })
}

/// Entries of docs/spec/constraints.md that are not constraints on a request: what they record, and why
/// no rule checks them. The coverage table lists them beside the rules.
pub const INFORMATIONAL: &[(&str, &str)] = &[
    (
        "AL-14",
        "no Alibaba source says `Platform`/`Architecture` are ignored beside `InstanceId`, and Alibaba's own examples send them together; the advice (ALI030) is retired",
    ),
    (
        "C-HW-9",
        "typos in API reference 002 (\"If the OS can be detected\" for \"cannot\", `Sting` for String); the corrected reading is what the rules use",
    ),
    (
        "C-HW-13",
        "the documented default of `max_ram` differs between sources (not configured / 0); a default constrains nothing",
    ),
    (
        "C-ALI-8",
        "the API reference's per-field sample values are not one consistent request (`/dev/xvdb` beside `system`); each is accepted on its own, and the derived composite requests lint clean",
    ),
];

/// One mistake, one finding: each rule here stays quiet where one of the rules it yields to
/// reports on the same member, or on one inside or around it (not the whole request). `*`
/// is every rule, on the same member only. The more specific rule speaks.
/// A declared rule says whom it yields to with `yields_to` in its `constraints.toml`; these are
/// the engine's own.
const YIELDS: &[(&str, &[&str])] = &[
    // An empty member of another variant is ignored: its value is not checked.
    ("*", &["IMS020"]),
];

/// Every rule that yields, with the rules it yields to: the engine's, then the declarations'.
pub fn yields() -> &'static [(&'static str, &'static [&'static str])] {
    static ALL: LazyLock<Vec<(&'static str, &'static [&'static str])>> = LazyLock::new(|| {
        let mut all = YIELDS.to_vec();
        all.extend(declared::yields());
        all
    });
    &ALL
}

/// The rule with this code.
pub fn by_code(code: &str) -> Option<&'static Rule> {
    static INDEX: LazyLock<HashMap<&'static str, &'static Rule>> =
        LazyLock::new(|| all().iter().map(|r| (r.code, *r)).collect());
    INDEX.get(code).copied()
}

/// The rule with this code or name, in any letter case (`ims006`, `Min-Disk-Out-Of-Range`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    by_code(code_or_name)
        .or_else(|| by_code(&code_or_name.to_ascii_uppercase()))
        .or_else(|| {
            all()
                .iter()
                .copied()
                .find(|r| r.name.eq_ignore_ascii_case(code_or_name))
        })
}

/// The code or name `word` most likely misspells (`IMS06`, `min-disk-out-of-rang`).
pub fn suggest(word: &str) -> Option<&'static str> {
    unknown::closest(word, all().iter().flat_map(|r| [r.code, r.name]))
}

/// The message for a rule code or name that no rule has, with the likely one.
pub fn unknown_rule_message(word: &str) -> String {
    if let Some(r) = retired(word) {
        return format!(
            "rule `{}` ({}) was retired on {}: `reqlint rule {}` says why",
            r.code, r.name, r.since, r.code
        );
    }
    match suggest(word) {
        Some(near) => format!("unknown rule `{word}`; did you mean `{near}`?"),
        None => format!("unknown rule `{word}`; `reqlint rules` lists them"),
    }
}

/// The normaliser of an API whose rules read a canonical form of the request: the RPC codec's
/// nested form, for an API whose pack says it travels as flattened RPC parameters.
pub fn normaliser(api: Api) -> Option<crate::rule::Normaliser> {
    match api.pack().wire.form {
        crate::pack::Form::Rpc => Some(alibaba_ecs_create_image::normalise),
        crate::pack::Form::Json => None,
    }
}

/// The rules that run for an API (engine rules included).
pub fn for_api(api: Api) -> impl Iterator<Item = &'static Rule> {
    all().iter().copied().filter(move |r| r.applies_to(api))
}

/// Whether the rules a pack read from a folder declares can be added (`crate::pack::add_folder`),
/// beside the bundled rules and those of the packs added before (`taken`: codes and names).
pub(crate) fn validate_declarations(
    pack: &crate::pack::Pack,
    taken: &[(String, String)],
) -> Result<(), String> {
    declared::validate(pack, taken)
}

/// The codes and names of a pack's own rules.
pub(crate) fn declared_by(pack: &crate::pack::Pack) -> Vec<(String, String)> {
    declared::taken_by(pack)
}

/// A rule's code and its Rust check.
pub type RustCheck = (&'static str, fn(&Ctx<'_>, &mut Reporter));

/// Every Rust check of a declared rule, by code: the rules whose logic a kind of declaration
/// cannot say. Each is bound to the `kind = "rust"` declaration with its code.
fn rust_checks() -> impl Iterator<Item = &'static RustCheck> {
    [
        alibaba_ecs_create_image::CHECKS,
        huawei::CHECKS,
        huawei_ims_create_image::CHECKS,
        huawei_ims_create_whole_image::CHECKS,
        openstack_nova_create_image::CHECKS,
    ]
    .into_iter()
    .flatten()
}

/// The Rust checks of an API's rules, in code order: what the engine runs for every request,
/// listed once instead of filtering the whole registry per request.
pub fn checks_for(api: Api) -> &'static [RustCheck] {
    static CHECKS: LazyLock<Vec<(Api, Vec<RustCheck>)>> = LazyLock::new(|| {
        Api::all()
            .iter()
            .map(|&api| {
                let checks = for_api(api)
                    .filter_map(|r| match r.check {
                        Check::Rust(check) => Some((r.code, check)),
                        _ => None,
                    })
                    .collect();
                (api, checks)
            })
            .collect()
    });
    CHECKS
        .iter()
        .find(|(a, _)| *a == api)
        .map_or(&[], |(_, checks)| checks.as_slice())
}

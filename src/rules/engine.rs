//! Rules the engine itself checks, for every API: the file and the JSON before any API rule.

use crate::diagnostic::Severity;
use crate::rule::{Check, Rule};

pub static RULES: &[&Rule] = &[
    &INVALID_JSON,
    &INVALID_UTF8,
    &EMPTY_BODY,
    &BODY_NOT_OBJECT,
    &DUPLICATE_MEMBER,
    &UNDETERMINED_API,
    &FILE_TOO_LARGE,
    &UNUSED_SUPPRESSION,
    &INTERNAL_ERROR,
    &WRONG_TYPE,
    &BYTE_ORDER_MARK,
    &INVALID_HCL,
    &UNKNOWN_PLAN_FORMAT,
    &STALE_BASELINE_ENTRY,
    &UNCOVERED_REQUEST,
    &LIST_INDEX_OUT_OF_RANGE,
];

pub static INVALID_JSON: Rule = Rule {
    code: "RQL001",
    name: "invalid-json",
    apis: &[],
    severity: Severity::Error,
    summary: "the request body is not valid JSON",
    why: "The cloud cannot parse the body and rejects the whole request (Huawei `IMG.0001`, Nova HTTP 400). Comments and trailing commas are not JSON: only `.jsonc` files may hold them.",
    fix: "fix the JSON syntax at the marked place",
    invalid: r#"{"name": "ims_test", "image_url": "ims-image:centos70.qcow2", "min_disk": 40,}"#,
    valid: r#"{"name": "ims_test", "image_url": "ims-image:centos70.qcow2", "min_disk": 40}"#,
    source: "RFC 8259; docs/spec/decisions.md \"Every API: the JSON itself\"",
    cloud_error: None,
    constraints: &[],
    check: Check::Engine,
};

pub static INVALID_UTF8: Rule = Rule {
    code: "RQL002",
    name: "invalid-utf8",
    apis: &[],
    severity: Severity::Error,
    summary: "the file is not valid UTF-8",
    why: "JSON text exchanged between systems must be UTF-8 (RFC 8259 §8.1); the cloud rejects other encodings or garbles names.",
    fix: "save the file as UTF-8",
    invalid: "",
    valid: "",
    source: "RFC 8259 §8.1",
    cloud_error: None,
    constraints: &[],
    check: Check::Engine,
};

pub static EMPTY_BODY: Rule = Rule {
    code: "RQL003",
    name: "empty-body",
    apis: &[],
    severity: Severity::Error,
    summary: "the request has no body",
    why: "Every create-image request needs a JSON body; Huawei, for example, answers `IMG.0007` (\"The request body is empty\").",
    fix: "write the request body as a JSON object",
    invalid: " ",
    valid: r#"{"name": "ims_test", "image_url": "ims-image:centos70.qcow2", "min_disk": 40}"#,
    source: "docs/spec/constraints.md §1.6 (general body errors)",
    cloud_error: None,
    constraints: &[],
    check: Check::Engine,
};

pub static BODY_NOT_OBJECT: Rule = Rule {
    code: "RQL004",
    name: "body-not-object",
    apis: &[],
    severity: Severity::Error,
    summary: "the request body is not a JSON object",
    why: "Every API reqlint knows takes one JSON object; an array, string, number or null is rejected as a malformed request.",
    fix: "wrap the members in one JSON object `{ ... }`",
    invalid: r#"[{"name": "ims_test", "image_url": "ims-image:centos70.qcow2", "min_disk": 40}]"#,
    valid: r#"{"name": "ims_test", "image_url": "ims-image:centos70.qcow2", "min_disk": 40}"#,
    source: "docs/spec/decisions.md \"Every API: the JSON itself\"",
    cloud_error: None,
    constraints: &[],
    check: Check::Engine,
};

pub static DUPLICATE_MEMBER: Rule = Rule {
    code: "RQL005",
    name: "duplicate-member",
    apis: &[],
    severity: Severity::Error,
    summary: "a member name appears twice in one object",
    why: "Parsers disagree on which occurrence wins: the value reqlint checks may not be the value the cloud uses.",
    fix: "keep one of the two members",
    invalid: r#"{"name": "ims_test", "image_url": "ims-image:centos70.qcow2", "min_disk": 40, "min_disk": 60}"#,
    valid: r#"{"name": "ims_test", "image_url": "ims-image:centos70.qcow2", "min_disk": 60}"#,
    source: "docs/spec/decisions.md \"Every API: the JSON itself\"; RFC 8259 §4",
    cloud_error: None,
    constraints: &[],
    check: Check::Engine,
};

pub static UNDETERMINED_API: Rule = Rule {
    code: "RQL006",
    name: "undetermined-api",
    apis: &[],
    severity: Severity::Error,
    summary: "reqlint cannot tell which API the request is for",
    why: "The same members mean different things to different APIs (`{name, instance_id}` is valid for both Huawei IMS APIs); reqlint does not guess. What is wrong under every API the request fits (a bad `name`, say) is still reported. A JSON file with no member of any create-image API (`package.json`, `tsconfig.json`) is not a request and gets no finding.",
    fix: "pass `--api ID`, map the file to an API in `reqlint.toml`, or lint it as an `.http` file whose request line names the API",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#,
    valid: r#"{"name": "ims_test", "image_url": "ims-image:centos70.qcow2", "min_disk": 40}"#,
    source: "docs/spec/interface.md \"Which API a file targets\"",
    cloud_error: None,
    constraints: &[],
    check: Check::Engine,
};

pub static FILE_TOO_LARGE: Rule = Rule {
    code: "RQL007",
    name: "file-too-large",
    apis: &[],
    severity: Severity::Error,
    summary: "the file is larger than reqlint reads (64 MiB), or holds an object literal of more than 2,000 items",
    why: "No create-image request comes near this size; a file this large is almost certainly not a request, and reading it would stall a hook or an editor. The HCL parser reqlint uses takes time quadratic in the items of one object literal, so a Terraform or Packer file with a map of more than 2,000 entries is not read either (an image takes 20 tags).",
    fix: "lint the request files only, not large data files; keep large lookup tables out of the files that configure images",
    invalid: "",
    valid: "",
    source: "reqlint's own limit",
    cloud_error: None,
    constraints: &[],
    check: Check::Engine,
};

pub static UNUSED_SUPPRESSION: Rule = Rule {
    code: "RQL008",
    name: "unused-suppression",
    apis: &[],
    severity: Severity::Warning,
    summary: "a suppression (a `[[suppress]]` entry of the configuration, or a `# reqlint-ignore` comment) matches no finding",
    why: "A suppression is an intended exception to a rule; once the request is fixed or moved, a suppression that matches nothing hides the next, unintended problem at that place. Reporting it keeps suppressions from rotting. A `# reqlint-ignore` comment that names no rule reqlint has, or whose `until=` is not a date, suppresses nothing and is reported the same way.",
    fix: "remove the suppression, or correct its `files`, `rule` or `pointer` (its rules or date, for a comment)",
    invalid: "",
    valid: "",
    source: "reqlint's configuration",
    cloud_error: None,
    constraints: &[],
    check: Check::Engine,
};

pub static INTERNAL_ERROR: Rule = Rule {
    code: "RQL009",
    name: "internal-error",
    apis: &[],
    severity: Severity::Error,
    summary: "reqlint failed while checking the request",
    why: "A bug in reqlint stopped one rule (or the file) from being checked. The other rules and files were still checked, but this request may hold problems nobody looked for, so it counts as an error.",
    fix: "report the file to reqlint's maintainers; lint it with the rule ignored meanwhile",
    invalid: "",
    valid: "",
    source: "reqlint itself",
    cloud_error: None,
    constraints: &[],
    check: Check::Engine,
};

pub static WRONG_TYPE: Rule = Rule {
    code: "RQL010",
    name: "wrong-type",
    apis: &[],
    severity: Severity::Error,
    summary: "a member has the wrong JSON type",
    why: "Huawei and OpenStack bodies are typed JSON: the string `\"40\"` where an integer is documented, or an object where an array is, is rejected as a malformed request.",
    fix: "write the value with the documented JSON type",
    invalid: r#"{"name": "ims_test", "image_url": "ims-image:centos70.qcow2", "min_disk": "40"}"#,
    valid: r#"{"name": "ims_test", "image_url": "ims-image:centos70.qcow2", "min_disk": 40}"#,
    source: "docs/spec/decisions.md \"Every API: the JSON itself\"",
    cloud_error: None,
    constraints: &["NV-5", "N-24"],
    check: Check::Schema,
};

pub static BYTE_ORDER_MARK: Rule = Rule {
    code: "RQL011",
    name: "byte-order-mark",
    apis: &[],
    severity: Severity::Warning,
    summary: "a `.json` request file starts with a UTF-8 byte-order mark",
    why: "Clients that send a file as it is (`curl --data @request.json`, `http POST ... < request.json`) send the byte-order mark too, and the body is then not JSON to the cloud. OpenStack nova answers HTTP 400, so for an `openstack-nova-create-image` request it is an error; for the other APIs a warning. reqlint reads the rest of the file as usual.",
    fix: "save the file as UTF-8 without a byte-order mark",
    invalid: "\u{feff}{\"name\": \"ims_test\", \"image_url\": \"ims-image:centos70.qcow2\", \"min_disk\": 40}",
    valid: r#"{"name": "ims_test", "image_url": "ims-image:centos70.qcow2", "min_disk": 40}"#,
    source: "RFC 8259 §8.1 (\"Implementations MUST NOT add a byte order mark\")",
    cloud_error: None,
    constraints: &[],
    check: Check::Engine,
};

pub static INVALID_HCL: Rule = Rule {
    code: "RQL012",
    name: "invalid-hcl",
    apis: &[],
    severity: Severity::Error,
    summary: "a Terraform file is not valid HCL",
    why: "Terraform cannot read the file, so none of its resources can be checked; `terraform plan` fails on it too. The other files are still linted.",
    fix: "fix the HCL syntax at the marked place (`terraform fmt` points at it too)",
    invalid: "",
    valid: "",
    source: "HCL native syntax specification (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md)",
    cloud_error: None,
    constraints: &[],
    check: Check::Engine,
};

pub static UNKNOWN_PLAN_FORMAT: Rule = Rule {
    code: "RQL013",
    name: "unknown-plan-format",
    apis: &[],
    severity: Severity::Error,
    summary: "a Terraform plan is in a JSON format reqlint does not read",
    why: "`terraform show -json` writes the plan with a `format_version`; reqlint reads format 1.x (Terraform 1.0 and later). Reading another major version would be a guess at where the planned values are, so the plan is not checked.",
    fix: "write the plan with Terraform 1.0 or later (`terraform show -json plan.out > plan.json`)",
    invalid: "",
    valid: "",
    source: "Terraform JSON output format (https://developer.hashicorp.com/terraform/internals/json-format)",
    cloud_error: None,
    constraints: &[],
    check: Check::Engine,
};

pub static STALE_BASELINE_ENTRY: Rule = Rule {
    code: "RQL014",
    name: "stale-baseline-entry",
    apis: &[],
    severity: Severity::Warning,
    summary: "an entry of the `--baseline` file matches no finding of a file the run checked",
    why: "A baseline records the findings a repository already had, so that only new ones are reported. An entry whose finding was fixed (or whose value changed, which makes it a new finding) no longer hides anything; left in the file, it makes the baseline look larger than the debt it records.",
    fix: "run `reqlint check --baseline FILE --update-baseline` to drop it",
    invalid: "",
    valid: "",
    source: "reqlint's baseline (docs/spec/interface.md, \"Adopting reqlint on an existing repository\")",
    cloud_error: None,
    constraints: &[],
    check: Check::Engine,
};

pub static UNCOVERED_REQUEST: Rule = Rule {
    code: "RQL015",
    name: "uncovered-request",
    apis: &[],
    severity: Severity::Advice,
    summary: "an image is created through an API reqlint does not check",
    why: "reqlint checks the requests of the APIs it covers. A resource that creates an image through another API (a data disk image from OBS, a quick import, an import or copy) was seen but not checked: this advice says so, so that \"no problems found\" is never said about a request nobody looked at.",
    fix: "check the request against the API's documentation by hand; the advice goes away when reqlint covers the API",
    invalid: "",
    valid: "",
    source: "docs/spec/decisions.md (\"Never silent about an image request it cannot check\"); rules/uncovered/terraform.json",
    cloud_error: None,
    constraints: &[],
    check: Check::Engine,
};

pub static LIST_INDEX_OUT_OF_RANGE: Rule = Rule {
    code: "RQL016",
    name: "list-index-out-of-range",
    apis: &[],
    severity: Severity::Error,
    summary: "a command line numbers a list element past the most the list holds",
    why: "KooCLI (`hcloud`) writes a list's elements as numbered flags (`--image_tags.3.key=...`), from 1, and sends the list up to the largest number, with empty elements before it. A number past the most elements the API takes in that list (20 tags, 59 data disks) makes a request the cloud refuses, and one reqlint does not build element by element.",
    fix: "number the list's elements from 1, up to the most the list holds",
    invalid: "",
    valid: "",
    source: "KooCLI parameter format (support.huaweicloud.com/intl/en-us/hcli_faq/hcli_19_008.html); the list's limit in the API's schema",
    cloud_error: None,
    constraints: &[],
    check: Check::Engine,
};

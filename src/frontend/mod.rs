//! Front-ends: each kind of file a request can be written in, turned into requests the engine
//! checks by the same rules. A front-end gives, for every request it finds, the canonical body
//! of its API, where each member was written (a `Locator`), and which members hold a value that
//! is not known before the request is sent. The engine never learns which front-end a request
//! came from.
//!
//! Every kind of file is read by one module here, through [`read`]: JSON bodies (the file is
//! the body), `.http` files ([`http`], with RPC query strings [`query`]), Terraform
//! configuration and plans, Packer templates, shell scripts. A front-end either hands the
//! engine a JSON body to parse and detect (whose spans are built only when something is
//! reported), or builds the request itself from the mappings kept beside each API.

pub mod folder;
pub(crate) mod hcl;
mod hcl_objects;
pub mod http;
pub(crate) mod mapping;
mod modules;
pub mod packer;
pub mod query;
pub mod ros;
pub mod shell;
pub mod terraform;
pub mod terraform_json;
pub mod terraform_plan;
pub mod terragrunt;
pub mod wrapped;
pub mod yaml;

use crate::api::Api;
use crate::diagnostic::Span;
use crate::parse::{Locator, Part};
use serde_json::Value;
use std::io::Read as _;
use std::path::Path;

/// One request found in a file.
pub struct Request<'a> {
    pub api: Api,
    /// The canonical body; a member whose value is unknown holds a placeholder.
    pub body: Value,
    /// Where the members are in the file (file offsets).
    pub locator: Box<dyn Locator + Send + 'a>,
    /// Pointers of the members whose value is unknown: present, but no finding may rest on
    /// them.
    pub unknown: Vec<String>,
    /// What the file calls the request (`alicloud_image.web`).
    pub resource: Option<String>,
    /// Pointers of the members the tool sends that the file does not write (a provider's
    /// default): only an error is reported on them, since the user cannot remove them.
    pub implied: Vec<String>,
    /// Pointers of members that may or may not be sent (a plan's computed values): they hold
    /// a placeholder, and no finding rests on them, not even on their presence.
    pub uncertain: Vec<String>,
    /// How the file names members (pointer -> `image_name`, `tags.env`,
    /// `disk_device_mapping[1].size`), given the body: findings name them so. Asked only when
    /// there is something to report.
    pub names: Option<Names>,
    /// The file the locator's offsets are in, when it is not the linted file (a plan's
    /// resource located in the `.tf` file that configures it). Findings go to that file.
    pub file: Option<crate::source::SourceFile>,
    /// How the label on a finding placed in `file` names the linted file's part in it
    /// ("through the inputs of `live/prod/terragrunt.hcl`"); `None`: "as planned in ...".
    pub through: Option<String>,
    /// The request may hold members the file does not show (a command-line flag whose name is
    /// an expansion): no finding may rest on a member being absent.
    pub open: bool,
    /// Which request of a file of several it is, 1-based (`.http`).
    pub index: Option<usize>,
    /// Whether a member is written twice.
    pub duplicates: bool,
    /// The cloud the request targets when the file shows it and it is not the API's own
    /// (`open-telekom-cloud`, see `crate::cloud`).
    pub cloud: Option<&'static str>,
    /// An image request through an API reqlint does not cover, named here: nothing is
    /// checked, and an advice (RQL015) at the locator's `""` says so.
    pub uncovered: Option<&'static str>,
    /// What the file writes that the front-end could not turn into the request (a command
    /// line's list position past the list's limit): each a finding of its own.
    pub faults: Vec<Fault>,
    /// A request written elsewhere that this file supplies values to (a module it calls):
    /// only findings on these members, or inside them, are this file's. The rest rest on what
    /// the other file writes, and are reported when it is linted.
    pub supplied: Option<Vec<String>>,
    /// Members another file writes for this request (an override file's attributes): findings
    /// on them, or inside them, are that file's.
    pub excluded: Vec<String>,
    /// Unknown strings whose literal parts are known.
    pub partial: Vec<Partial>,
}

/// A string member whose literal parts are known and other parts are not (`"web ${var.env}"`,
/// `"packer {{timestamp}}"`, `"web-$ENV"`): it is unknown (in `Request::unknown`), and also
/// checked for what its known parts already decide.
#[derive(Clone, Debug)]
pub struct Partial {
    pub pointer: String,
    /// The string in order: known text, or `None` for a part the tool fills in.
    pub pieces: Vec<Option<String>>,
    /// The string as a message shows it (`web ${…}`).
    pub display: String,
}

impl Partial {
    /// A partly known string from its pieces, shown as `display` (as the file writes it);
    /// `None` when no literal part holds anything (a string that is all unknown) or nothing is
    /// unknown.
    pub fn new(pointer: &str, pieces: Vec<Option<String>>, display: String) -> Option<Partial> {
        let known = pieces
            .iter()
            .any(|p| p.as_deref().is_some_and(|t| !t.is_empty()));
        let unknown = pieces.iter().any(Option::is_none);
        if !known || !unknown {
            return None;
        }
        Some(Partial {
            pointer: pointer.to_string(),
            pieces,
            display,
        })
    }
}

/// The pieces of a string a tool fills in at `marks` (`${` ... `}`, `{{` ... `}}`): its text
/// between them, and `None` for each. Where the end of a filled part is not certain (a quote or
/// a brace inside it), the rest of the string is one unknown part: it is never wrong to know
/// less.
pub(crate) fn template_pieces(text: &str, marks: &[&str]) -> Vec<Option<String>> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let next = marks
            .iter()
            .filter_map(|m| rest.find(m).map(|at| (at, *m)))
            .min_by_key(|(at, _)| *at);
        let Some((at, mark)) = next else {
            out.push(Some(rest.to_string()));
            return out;
        };
        out.push(Some(rest[..at].to_string()));
        out.push(None);
        let inside = &rest[at + mark.len()..];
        let close = if mark == "{{" { "}}" } else { "}" };
        match inside.find(close) {
            Some(end) if !inside[..end].contains(['"', '`', '{']) => {
                rest = &inside[end + close.len()..];
            }
            _ => return out,
        }
    }
}

/// Partly known strings among the members a mapping sends from `options` (a JSON form of a
/// resource or a builder), for those written as a string with `marks`.
pub(crate) fn json_partials(
    mapping: &mapping::Mapping,
    options: &serde_json::Map<String, Value>,
    marks: &[&str],
    unknown: &[String],
) -> Vec<Partial> {
    mapping
        .attributes
        .iter()
        .filter(|(_, to)| unknown.contains(to))
        .filter_map(|(attribute, to)| {
            let text = options.get(attribute)?.as_str()?;
            // A template directive (`%{ if }`) may or may not write the text inside it.
            if text.contains("%{") {
                return None;
            }
            Partial::new(to, template_pieces(text, marks), text.to_string())
        })
        .collect()
}

/// Something a file writes that its front-end could not turn into the request.
pub struct Fault {
    /// The rule it is reported under.
    pub code: &'static str,
    pub message: String,
    pub help: String,
    /// The member of the request it is about.
    pub pointer: String,
    /// Where it is written (file offsets).
    pub span: Span,
}

impl Request<'_> {
    /// A request with no body, no member located, nothing unknown: fill in what is known
    /// (its `api` first: the first pack's is only a placeholder).
    pub fn empty() -> Self {
        Request {
            api: Api::all()[0],
            body: Value::Object(serde_json::Map::new()),
            locator: Box::new(Nowhere),
            unknown: Vec::new(),
            resource: None,
            implied: Vec::new(),
            uncertain: Vec::new(),
            names: None,
            file: None,
            through: None,
            open: false,
            index: None,
            duplicates: false,
            cloud: None,
            uncovered: None,
            faults: Vec::new(),
            supplied: None,
            excluded: Vec::new(),
            partial: Vec::new(),
        }
    }

    /// A request of `resource` through `api`, which reqlint does not cover; `header` is where
    /// the file declares it.
    pub fn uncovered(resource: String, api: &'static str, header: Span) -> Self {
        Request {
            locator: Box::new(At(header)),
            resource: Some(resource),
            uncovered: Some(api),
            ..Request::empty()
        }
    }
}

/// A locator that places everything at one span (a request that is only declared).
struct At(Span);

impl Locator for At {
    fn span(&self, _: &str, _: Part) -> Option<Span> {
        Some(self.0)
    }

    fn duplicates(&self) -> Vec<crate::parse::Duplicate> {
        Vec::new()
    }

    fn editable(&self) -> bool {
        false
    }
}

/// A locator that places nothing.
struct Nowhere;

impl Locator for Nowhere {
    fn span(&self, _: &str, _: Part) -> Option<Span> {
        None
    }

    fn duplicates(&self) -> Vec<crate::parse::Duplicate> {
        Vec::new()
    }
}

/// What a front-end finds in a file.
pub enum Found<'a> {
    /// A JSON request body at byte `offset` of the text read: the engine parses it once,
    /// decides its API (`api`, else detection) and builds its spans only when something is
    /// reported. A `.json` file is one; an `.http` file one per request.
    Body {
        text: &'a str,
        offset: usize,
        dialect: crate::parse::Dialect,
        api: Option<Api>,
        /// Which request of the file it is, 1-based (`.http`).
        index: Option<usize>,
        /// The cloud it targets, when the file shows it (an `.http` request line's host).
        cloud: Option<&'static str>,
        /// The request line's target (URL) and its offset in the text read (`.http`).
        target: Option<(&'a str, usize)>,
    },
    /// A request the front-end built.
    Request(Box<Request<'a>>),
}

/// What a file of `kind` named `name` holds (its text without a byte-order mark); `api` is the
/// API the user named, `folder` the file's folder (values from other files). A file the front-end cannot
/// read at all is one `SyntaxError`.
pub fn read<'a>(
    kind: crate::input::InputKind,
    name: &str,
    text: &'a str,
    api: Option<Api>,
    folder: Option<&folder::Folder>,
) -> Result<Vec<Found<'a>>, SyntaxError> {
    use crate::input::InputKind;
    let request = |r: Request<'static>| Found::Request(Box::new(r));
    Ok(match kind {
        InputKind::Json | InputKind::Jsonc => vec![Found::Body {
            text,
            offset: 0,
            dialect: kind.dialect(),
            api,
            index: None,
            cloud: None,
            target: None,
        }],
        InputKind::Http => http::found(text, api),
        InputKind::Terraform => terraform::requests(text, name, folder)?
            .into_iter()
            .map(request)
            .collect(),
        InputKind::Packer => packer::requests(text, folder)?
            .into_iter()
            .map(request)
            .collect(),
        InputKind::Shell => shell::requests(text).into_iter().map(request).collect(),
        InputKind::Terragrunt => terragrunt::requests(text, folder)?
            .into_iter()
            .map(request)
            .collect(),
        InputKind::Yaml => ros::requests(text)?.into_iter().map(request).collect(),
    })
}

/// The text of a file a front-end reads beside the linted one (a module's `.tf` and `.tfvars`
/// files, `modules.json`): only a regular file (symbolic links followed) of at most `limit`
/// bytes, in UTF-8. Anything else is as if absent: a FIFO named `main.tf` would wait for a
/// writer forever, a device would never end. Every such read goes through here.
pub(crate) fn read_regular(path: &Path, limit: u64) -> Option<String> {
    let regular = |m: std::fs::Metadata| m.is_file() && m.len() <= limit;
    if !std::fs::metadata(path).is_ok_and(regular) {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    // What was opened is what was looked at (not swapped since), and it may not grow past
    // the limit while it is read.
    if !file.metadata().is_ok_and(regular) {
        return None;
    }
    let mut text = String::new();
    file.take(limit + 1).read_to_string(&mut text).ok()?;
    (text.len() as u64 <= limit).then_some(text)
}

/// How a front-end names the members of a request body (pointer -> name as written).
pub type Names = Box<dyn Fn(&Value) -> Vec<(String, String)> + Send + Sync>;

/// A file the front-end cannot read: one finding at the fault.
pub struct SyntaxError {
    /// The rule it is reported under: `RQL012` (not valid HCL), `RQL007` (too large to read).
    pub code: &'static str,
    pub message: String,
    pub span: Span,
}

/// The value an unknown member holds in the canonical body: present, and a string no rule
/// takes for a real value (findings on it are dropped anyway).
pub const UNKNOWN: &str = "(known after apply)";

/// Members whose value is not known (or that may not be sent), indexed once per request so
/// that asking about a finding costs the depth of its pointer, not the number of members.
pub struct Unknown<'a>(ahash::AHashSet<&'a str>);

impl<'a> Unknown<'a> {
    /// The pointers of such members.
    pub fn new(pointers: &'a [String]) -> Self {
        Unknown(pointers.iter().map(String::as_str).collect())
    }

    /// Whether `pointer` is one of them or inside one.
    pub fn covers(&self, pointer: &str) -> bool {
        !self.0.is_empty()
            && (self.0.contains(pointer)
                || pointer
                    .match_indices('/')
                    .any(|(i, _)| self.0.contains(&pointer[..i])))
    }
}

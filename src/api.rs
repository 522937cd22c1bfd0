//! The APIs reqlint knows, by their stable ids (docs/spec/interface.md "Names"): one per API pack
//! under `rules/` (`crate::pack`).

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

/// One request type reqlint can lint: the `i`th API pack. The id (`as_str`) is a public
/// contract; the number is not (it follows the packs' list order).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Api(pub(crate) u16);

impl Api {
    pub(crate) fn from_index(i: usize) -> Api {
        Api(u16::try_from(i).expect("build.rs numbers the packs in a u16"))
    }

    /// Every API, in the order `reqlint rules` lists them.
    pub fn all() -> &'static [Api] {
        static ALL: LazyLock<Vec<Api>> =
            LazyLock::new(|| (0..crate::pack::all().len()).map(Api::from_index).collect());
        &ALL
    }

    /// The pack that defines this API.
    pub fn pack(self) -> &'static crate::pack::Pack {
        &crate::pack::all()[usize::from(self.0)]
    }

    /// The API id (`huawei-ims-create-image`), as the command line and the output name it.
    pub fn as_str(self) -> &'static str {
        &self.pack().id
    }

    /// The request this id stands for, as a person would name it.
    pub fn title(self) -> &'static str {
        &self.pack().title
    }

    /// Whether the cloud validates the body as strict JSON before anything else, as nova does
    /// with its JSON Schema: a `null` member is then a value of the wrong type (not an absent
    /// member), and a byte-order mark makes the body malformed. Both are answered with HTTP 400
    /// (docs/spec/decisions.md "`null` in nova", "Byte-order mark").
    pub fn strict_json(self) -> bool {
        self.pack().strict_json
    }

    /// The cloud's public documentation of this request: page title and address.
    pub fn documentation(self) -> (&'static str, &'static str) {
        let d = &self.pack().documentation;
        (&d.title, &d.url)
    }
}

impl fmt::Debug for Api {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Api({})", self.as_str())
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
        Api::all()
            .iter()
            .copied()
            .find(|api| api.as_str() == s)
            .ok_or_else(|| {
                let ids: Vec<_> = Api::all().iter().map(|a| a.as_str()).collect();
                format!("unknown API id `{s}`; expected one of: {}", ids.join(", "))
            })
    }
}

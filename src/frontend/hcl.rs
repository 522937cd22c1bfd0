//! The values of HCL expressions as far as the files fix them, shared by the Terraform and
//! Packer front-ends: literals, lists, string templates whose parts are known, `var.NAME` (from
//! a value file, else the variable's default) and `local.NAME`. Anything else (references to
//! other resources or sources, function calls, conditionals, `count`/`each`) is unknown.

use super::folder::{Folder, Parsed, Tool};
use crate::diagnostic::Span;
use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, TraversalOperator};
use hcl_edit::structure::{Body, Structure};
use hcl_edit::template::Element;
use serde_json::Value;
use std::cell::Cell;
use std::collections::HashMap;

/// The most items an object literal may hold for reqlint to parse its file: hcl-edit parses an
/// object in time quadratic in its items (see [`super::hcl_objects`]). No configuration comes
/// near it (an image takes 20 tags; a lookup table of every region has a few dozen entries).
pub(crate) const OBJECT_ITEMS: usize = 2_000;

/// The syntax tree of an HCL file, or one finding at the fault.
pub(crate) fn parse(text: &str) -> Result<Body, super::SyntaxError> {
    if let Some(at) = super::hcl_objects::larger_than(text, OBJECT_ITEMS) {
        return Err(super::SyntaxError {
            code: "RQL007",
            message: format!(
                "this object literal has more than {OBJECT_ITEMS} items, more than reqlint reads: the file is not checked"
            ),
            span: Span::new(at, 1),
        });
    }
    hcl_edit::parser::parse_body(text).map_err(|e| {
        let at = e.location().offset().min(text.len());
        super::SyntaxError {
            code: "RQL012",
            message: format!("the file is not valid HCL: {}", e.message()),
            span: Span::new(at, usize::from(at < text.len())),
        }
    })
}

/// A value as far as the files fix it.
#[derive(Clone, Debug)]
pub(crate) enum Evaluated {
    Known(Value),
    Unknown,
    /// `null`: the attribute is not set.
    Absent,
}

/// Where a value was supplied, when that is not where the attribute is written.
#[derive(Clone)]
pub(crate) struct Origin {
    /// In the linted file: the span of the supplying expression; in another file: `None`.
    pub(crate) span: Option<Span>,
    /// What supplied it, for a label: "the default of `var.name`", "`terraform.tfvars` line 3".
    pub(crate) what: String,
    /// It is a variable's default: what the module's author wrote for a caller to override.
    pub(crate) default: bool,
}

/// An expression followed through variables and locals to where its value is written.
pub(crate) struct Resolved<'e> {
    pub(crate) expr: &'e Expression,
    /// Whether `expr` is in the linted file (its spans are the file's).
    pub(crate) here: bool,
    pub(crate) origin: Option<Origin>,
    /// The value is a module input its caller sets (`expr` is then the `var.NAME` that reads
    /// it, never to be evaluated here): its value was worked out in the caller's scope.
    pub(crate) bound: Option<&'e Bound>,
}

/// A module input set by its caller (a `module` block's argument, a Terragrunt input), worked
/// out in the caller's scope.
#[derive(Clone, Debug)]
pub(crate) struct Bound {
    pub(crate) value: Evaluated,
    /// The caller's value is itself an input of the caller: whether it is sent at all is
    /// unknown.
    pub(crate) input: bool,
    /// The caller's value is a variable's default there.
    pub(crate) default: bool,
    /// Where the linted file writes it, when it does (a module called from a module called
    /// by the linted file may take a value its own caller wrote, or one written in between).
    pub(crate) at: Option<Written>,
    /// What sets it, for a label: "`image_name` of `module.image`".
    pub(crate) what: String,
}

/// Where the linted file writes a value it passes into a module.
#[derive(Clone, Debug)]
pub(crate) struct Written {
    /// The argument's name and value.
    pub(crate) key: Span,
    pub(crate) value: Span,
    /// A map written in place: each entry's key, and the spans of its key and value.
    pub(crate) entries: Vec<(String, Span, Span)>,
    /// Where the linted file's value comes from, when not the argument itself: "`terraform.tfvars` line 1".
    pub(crate) origin: Option<String>,
}

/// The inputs a module's caller sets.
#[derive(Default, Debug)]
pub(crate) struct Bindings {
    pub(crate) inputs: HashMap<String, Bound>,
    /// The module is still a root module (Terragrunt passes its inputs as `TF_VAR_`
    /// variables): its value files win over them, as in Terraform.
    pub(crate) root: bool,
}

/// Where names are looked up: the linted file, then its folder.
pub(crate) struct Scope<'a> {
    body: &'a Body,
    folder: Option<&'a Folder>,
    pub(crate) tool: Tool,
    /// The linted file's locals and variable declarations, by name (indexed on first use).
    names: std::cell::OnceCell<Names>,
    /// The bytes of strings the file's values may still build (see [`BYTES`]).
    bytes: Cell<usize>,
    /// The module's inputs its caller sets, when it is not linted as a root module.
    bindings: Option<&'a Bindings>,
    /// `count.index`, `each.key` and `each.value` of the block being evaluated (a module
    /// call's instance): an object `{"count": {"index": 0}}` or `{"each": {...}}`.
    instance: Option<Value>,
}

/// What working out the values of one request may take: past it, a value is unknown rather than
/// slow. Each request of a file has its own, so that a file's many resources each get their
/// share, and a request's many attributes or tags cannot each start afresh.
pub(crate) struct Budget {
    steps: Cell<usize>,
}

impl Budget {
    pub(crate) fn new() -> Self {
        Budget {
            steps: Cell::new(STEPS),
        }
    }

    /// Takes one step; `false` when none is left.
    fn step(&self) -> bool {
        let left = self.steps.get();
        self.steps.set(left.saturating_sub(1));
        left > 0
    }
}

/// How many expressions reached through variables and locals the values of one request may
/// take to work out: locals that each use another several times grow exponentially (`a =
/// "${b}${b}${b}"`, `b = "${c}${c}${c}"`, ...), and a map of many entries may use such a local
/// in each.
const STEPS: usize = 10_000;

/// How many bytes of strings the values of one file may build, besides [`BYTES_PER_BYTE`] per
/// byte of the file: a template that repeats a long local (`"${local.b}${local.b}..."`), or a
/// long local copied into every resource, would otherwise build gigabytes from a small file.
/// Past it a value is unknown. No request's values come near it (the longest member a cloud
/// takes is a few kilobytes).
const BYTES: usize = 16 << 20;
const BYTES_PER_BYTE: usize = 16;

/// How deep `local.a` -> `local.b` -> ... is followed (a cycle is unknown).
const DEPTH: usize = 16;

/// The locals, variable declarations and top-level attributes of a file, by name: a reference
/// is looked up in constant time, not by a walk over the file (a map of thousands of entries,
/// each a local, would otherwise take quadratic time). The first of a repeated name wins, as a
/// walk from the start finds it.
#[derive(Default)]
pub(crate) struct Names {
    /// `NAME` -> (index of its `locals` block, index of the attribute in it).
    locals: HashMap<String, (usize, usize)>,
    /// `NAME` -> index of its `variable` block.
    variables: HashMap<String, usize>,
    /// `NAME` -> index of the attribute (a value file's `NAME = value`).
    attributes: HashMap<String, usize>,
}

impl Names {
    pub(crate) fn of(body: &Body) -> Names {
        let mut names = Names::default();
        for (i, structure) in body.iter().enumerate() {
            match structure {
                Structure::Attribute(a) => {
                    names.attributes.entry(a.key.to_string()).or_insert(i);
                }
                Structure::Block(b) if b.ident.as_str() == "locals" => {
                    for (j, inner) in b.body.iter().enumerate() {
                        if let Structure::Attribute(a) = inner {
                            names.locals.entry(a.key.to_string()).or_insert((i, j));
                        }
                    }
                }
                Structure::Block(b) if b.ident.as_str() == "variable" => {
                    if let Some(label) = b.labels.first() {
                        names.variables.entry(label.to_string()).or_insert(i);
                    }
                }
                Structure::Block(_) => {}
            }
        }
        names
    }

    /// The expression of `local.NAME` in `body` (the body these are the names of).
    fn local<'b>(&self, body: &'b Body, name: &str) -> Option<&'b Expression> {
        let (i, j) = *self.locals.get(name)?;
        let block = body.get(i)?.as_block()?;
        block.body.get(j)?.as_attribute().map(|a| &a.value)
    }

    /// The body of `variable "NAME"` in `body`.
    fn variable<'b>(&self, body: &'b Body, name: &str) -> Option<&'b Body> {
        let block = body.get(*self.variables.get(name)?)?.as_block()?;
        Some(&block.body)
    }

    /// The expression of the top-level attribute `NAME` in `body`.
    fn attribute<'b>(&self, body: &'b Body, name: &str) -> Option<&'b Expression> {
        let attribute = body.get(*self.attributes.get(name)?)?.as_attribute()?;
        Some(&attribute.value)
    }
}

impl<'a> Scope<'a> {
    /// The scope of a file of `length` bytes whose syntax tree is `body`; `folder` supplies
    /// what the file does not declare.
    pub(crate) fn new(
        body: &'a Body,
        folder: Option<&'a Folder>,
        tool: Tool,
        length: usize,
    ) -> Self {
        Scope {
            body,
            folder,
            tool,
            names: std::cell::OnceCell::new(),
            bytes: Cell::new(BYTES.saturating_add(length.saturating_mul(BYTES_PER_BYTE))),
            bindings: None,
            instance: None,
        }
    }

    /// This scope in a module its caller sets `bindings` of.
    pub(crate) fn with_bindings(mut self, bindings: &'a Bindings) -> Self {
        self.bindings = Some(bindings);
        self
    }

    /// This scope for one instance of a block with `count` or `for_each` (`instance` as
    /// [`Scope::instance`] holds it), with a budget of its own.
    pub(crate) fn for_instance(&self, instance: Option<Value>) -> Scope<'a> {
        Scope {
            body: self.body,
            folder: self.folder,
            tool: self.tool,
            names: std::cell::OnceCell::new(),
            bytes: Cell::new(self.bytes.get()),
            bindings: self.bindings,
            instance,
        }
    }

    /// The syntax tree of the file this is the scope of.
    pub(crate) fn body(&self) -> &'a Body {
        self.body
    }

    /// The bound input `NAME`, when the caller sets it.
    fn bound(&self, name: &str) -> Option<&'a Bound> {
        self.bindings?.inputs.get(name)
    }

    fn names(&self) -> &Names {
        self.names.get_or_init(|| Names::of(self.body))
    }

    fn values(&self) -> &'a [Parsed] {
        // Terraform reads `.tfvars` files for the root module only.
        if self.bindings.is_some_and(|b| !b.root) {
            return &[];
        }
        self.folder.map_or(&[], |f| f.values(self.tool))
    }

    fn declaring(&self) -> &'a [Parsed] {
        self.folder.map_or(&[], |f| f.declaring(self.tool))
    }

    /// Takes `n` bytes of the file's budget; `false` when that would go past it.
    fn spend(&self, n: usize) -> bool {
        let left = self.bytes.get();
        self.bytes.set(left.saturating_sub(n));
        n <= left
    }

    /// `var.NAME` or `local.NAME` read directly by `expr`.
    fn reference(expr: &Expression) -> Option<(&str, &str)> {
        let Expression::Traversal(t) = expr else {
            return None;
        };
        let [op] = t.operators.as_slice() else {
            return None;
        };
        match (&t.expr, op.value()) {
            (Expression::Variable(v), TraversalOperator::GetAttr(name))
                if matches!(v.as_str(), "var" | "local") =>
            {
                Some((v.as_str(), name.as_str()))
            }
            _ => None,
        }
    }

    /// The value of `var.NAME`: a value file beats the default; the linted file's declaration
    /// beats another file's.
    fn variable(&self, name: &str) -> Option<Resolved<'a>> {
        for file in self.values().iter().rev() {
            if let Some(value) = file.names.attribute(&file.body, name) {
                return Some(there(file, value, format!("`{}`", file.name), false));
            }
        }
        // A variable without a default, or whose default is `null`, is an input: its value
        // comes from the caller, unknown here and present (DECISIONS, "Inputs are not values").
        let input = |e: &Expression| matches!(e, Expression::Null(_));
        let what = format!("the default of `var.{name}`");
        if let Some(block) = self.names().variable(self.body, name) {
            let default = &block.get_attribute("default")?.value;
            if input(default) {
                return None;
            }
            return Some(Resolved {
                bound: None,
                expr: default,
                here: true,
                origin: Some(Origin {
                    span: Some(span_of(default.span())),
                    what,
                    default: true,
                }),
            });
        }
        self.declaring().iter().find_map(|file| {
            let default = &file
                .names
                .variable(&file.body, name)?
                .get_attribute("default")?
                .value;
            (!input(default))
                .then(|| there(file, default, format!("{what} in `{}`", file.name), true))
        })
    }

    fn local(&self, name: &str) -> Option<Resolved<'a>> {
        if let Some(value) = self.names().local(self.body, name) {
            return Some(Resolved {
                bound: None,
                expr: value,
                here: true,
                origin: Some(Origin {
                    span: Some(span_of(value.span())),
                    what: format!("`local.{name}`"),
                    default: false,
                }),
            });
        }
        self.declaring().iter().find_map(|file| {
            let value = file.names.local(&file.body, name)?;
            Some(there(
                file,
                value,
                format!("`local.{name}` in `{}`", file.name),
                false,
            ))
        })
    }

    /// Whether `expr` is, through locals and parentheses, a variable no file gives a value:
    /// an input the caller sets, possibly to `null`.
    pub(crate) fn is_input(&self, expr: &'a Expression) -> bool {
        let resolved = self.resolve(expr);
        match resolved.bound {
            Some(bound) => bound.input,
            None => matches!(Scope::reference(resolved.expr), Some(("var", _))),
        }
    }

    /// Follows `expr` through parentheses, variables and locals.
    pub(crate) fn resolve(&self, expr: &'a Expression) -> Resolved<'a> {
        let mut at = Resolved {
            expr,
            here: true,
            origin: None,
            bound: None,
        };
        for _ in 0..DEPTH {
            let next = match at.expr {
                Expression::Parenthesis(p) => Some(Resolved {
                    bound: None,
                    expr: p.inner(),
                    here: at.here,
                    origin: at.origin.clone(),
                }),
                e => match Scope::reference(e) {
                    Some(("var", name)) => match self.bound_input(name) {
                        Some(bound) => {
                            return Resolved {
                                expr: e,
                                here: at.here,
                                origin: Some(Origin {
                                    span: None,
                                    what: bound.what.clone(),
                                    default: bound.default,
                                }),
                                bound: Some(bound),
                            };
                        }
                        None => self.variable(name),
                    },
                    Some((_, name)) => self.local(name),
                    None => return at,
                },
            };
            match next {
                Some(n) => {
                    // A value from another file keeps spans of the file that uses it.
                    let here = at.here && n.here;
                    at = Resolved { here, ..n };
                }
                None => return at,
            }
        }
        at
    }

    /// The value of `expr`, with a budget of its own (a value that decides which request a
    /// block sends).
    pub(crate) fn evaluate(&self, expr: &'a Expression) -> Evaluated {
        self.evaluate_within(expr, &Budget::new())
    }

    /// The value of `expr`, taken from the budget of the request it is part of.
    pub(crate) fn evaluate_within(&self, expr: &'a Expression, budget: &Budget) -> Evaluated {
        self.evaluate_at(expr, 0, budget, false)
    }

    /// `through`: `expr` was reached through a variable or a local. Only such expressions
    /// take steps: what is written in place costs as much as its text, however long, while a
    /// local may be worked out again at every use.
    fn evaluate_at(
        &self,
        expr: &'a Expression,
        depth: usize,
        budget: &Budget,
        through: bool,
    ) -> Evaluated {
        if depth > DEPTH {
            return Evaluated::Unknown;
        }
        let resolved = self.resolve(expr);
        let through = through || resolved.origin.is_some();
        if through && !budget.step() {
            return Evaluated::Unknown;
        }
        if let Some(bound) = resolved.bound {
            return bound.value.clone();
        }
        let evaluate = |e: &'a Expression| self.evaluate_at(e, depth + 1, budget, through);
        match resolved.expr {
            Expression::Traversal(t) if self.instance.is_some() => self.instance_value(t, evaluate),
            Expression::Null(_) => Evaluated::Absent,
            Expression::Bool(b) => Evaluated::Known(Value::Bool(*b.value())),
            Expression::Number(n) => serde_json::from_str::<Value>(&n.value().to_string())
                .map_or(Evaluated::Unknown, Evaluated::Known),
            Expression::String(s) if self.spend(s.value().len()) => {
                self.string(s.value().to_string())
            }
            Expression::StringTemplate(t) => {
                let mut text = String::new();
                for element in t.iter() {
                    let part = match element {
                        Element::Literal(l) => l.value().to_string(),
                        Element::Interpolation(i) => match evaluate(&i.expr) {
                            Evaluated::Known(Value::String(s)) => s,
                            Evaluated::Known(v @ (Value::Number(_) | Value::Bool(_))) => {
                                v.to_string()
                            }
                            _ => return Evaluated::Unknown,
                        },
                        Element::Directive(_) => return Evaluated::Unknown,
                    };
                    // What the template builds is paid for before it is built.
                    if !self.spend(part.len()) {
                        return Evaluated::Unknown;
                    }
                    text.push_str(&part);
                }
                self.string(text)
            }
            Expression::Object(object) => {
                let mut out = serde_json::Map::new();
                for (key, value) in object.iter() {
                    let key = match key {
                        hcl_edit::expr::ObjectKey::Ident(ident) => ident.as_str().to_string(),
                        hcl_edit::expr::ObjectKey::Expression(e) => match evaluate(e) {
                            Evaluated::Known(Value::String(s)) => s,
                            _ => return Evaluated::Unknown,
                        },
                    };
                    match evaluate(value.expr()) {
                        Evaluated::Known(v) => {
                            out.insert(key, v);
                        }
                        _ => return Evaluated::Unknown,
                    }
                }
                Evaluated::Known(Value::Object(out))
            }
            Expression::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match evaluate(item) {
                        Evaluated::Known(v) => out.push(v),
                        _ => return Evaluated::Unknown,
                    }
                }
                Evaluated::Known(Value::Array(out))
            }
            // `cond ? a : b`, when the condition is known (`var.create ? 1 : 0`).
            Expression::Conditional(c) => match evaluate(&c.cond_expr) {
                Evaluated::Known(Value::Bool(true)) => evaluate(&c.true_expr),
                Evaluated::Known(Value::Bool(false)) => evaluate(&c.false_expr),
                _ => Evaluated::Unknown,
            },
            _ => Evaluated::Unknown,
        }
    }
}

impl<'a> Scope<'a> {
    /// The bound input `NAME`, when the module's caller sets it; a root module's value files
    /// win over Terragrunt's inputs.
    fn bound_input(&self, name: &str) -> Option<&'a Bound> {
        let bound = self.bound(name)?;
        let root = self.bindings.is_some_and(|b| b.root);
        if root
            && self
                .values()
                .iter()
                .any(|f| f.names.attribute(&f.body, name).is_some())
        {
            return None;
        }
        Some(bound)
    }

    /// `count.index`, `each.key`, `each.value` and what lies inside them, from the instance
    /// being evaluated; anything else is unknown.
    fn instance_value(
        &self,
        t: &'a hcl_edit::expr::Traversal,
        evaluate: impl Fn(&'a Expression) -> Evaluated,
    ) -> Evaluated {
        let Expression::Variable(root) = &t.expr else {
            return Evaluated::Unknown;
        };
        let Some(mut at) = self.instance.as_ref().and_then(|i| i.get(root.as_str())) else {
            return Evaluated::Unknown;
        };
        for op in t.operators.iter() {
            let next = match op.value() {
                TraversalOperator::GetAttr(name) => at.get(name.as_str()),
                TraversalOperator::Index(e) => match evaluate(e) {
                    Evaluated::Known(Value::String(k)) => at.get(k.as_str()),
                    Evaluated::Known(Value::Number(n)) => {
                        n.as_u64().and_then(|i| at.get(usize::try_from(i).ok()?))
                    }
                    _ => None,
                },
                TraversalOperator::LegacyIndex(i) => {
                    usize::try_from(*i.value()).ok().and_then(|i| at.get(i))
                }
                _ => None,
            };
            match next {
                Some(v) => at = v,
                None => return Evaluated::Unknown,
            }
        }
        Evaluated::Known(at.clone())
    }
}

impl<'a> Scope<'a> {
    /// The pieces of a string whose value is not known as a whole: its literal parts and the
    /// interpolations the files fix, and `None` for each part a tool fills in (`${...}` not
    /// worked out, a `%{...}` directive, Packer's `{{ ... }}`). `None` for anything that is not
    /// a string written in place.
    pub(crate) fn pieces(
        &self,
        expr: &'a Expression,
        budget: &Budget,
    ) -> Option<Vec<Option<String>>> {
        let resolved = self.resolve(expr);
        if resolved.bound.is_some() || !resolved.here {
            return None;
        }
        let mut out = Vec::new();
        match resolved.expr {
            Expression::String(s) if self.tool == Tool::Packer => {
                packer_pieces(s.value(), &mut out);
            }
            Expression::StringTemplate(t) => {
                for element in t.iter() {
                    match element {
                        Element::Literal(l) if self.tool == Tool::Packer => {
                            packer_pieces(l.value(), &mut out);
                        }
                        Element::Literal(l) => out.push(Some(l.value().to_string())),
                        Element::Interpolation(i) => {
                            out.push(match self.evaluate_within(&i.expr, budget) {
                                Evaluated::Known(Value::String(s)) => Some(s),
                                Evaluated::Known(v @ (Value::Number(_) | Value::Bool(_))) => {
                                    Some(v.to_string())
                                }
                                _ => None,
                            })
                        }
                        Element::Directive(_) => out.push(None),
                    }
                }
            }
            _ => return None,
        }
        Some(out)
    }
}

/// A Packer string's pieces: `{{ ... }}` is filled in at build time.
fn packer_pieces(text: &str, out: &mut Vec<Option<String>>) {
    out.extend(super::template_pieces(text, &["{{"]));
}

impl Scope<'_> {
    /// A string value: Packer fills `{{ ... }}` segments in at build time, so a string that
    /// holds one is unknown there.
    fn string(&self, text: String) -> Evaluated {
        if self.tool == Tool::Packer && text.contains("{{") {
            return Evaluated::Unknown;
        }
        Evaluated::Known(Value::String(text))
    }
}

fn there<'e>(file: &Parsed, expr: &'e Expression, what: String, default: bool) -> Resolved<'e> {
    let line = file.line(expr.span().map_or(0, |r| r.start));
    Resolved {
        bound: None,
        expr,
        here: false,
        origin: Some(Origin {
            span: None,
            what: format!("{what} line {line}"),
            default,
        }),
    }
}

pub(crate) fn span_of(range: Option<std::ops::Range<usize>>) -> Span {
    range.map_or(Span::new(0, 0), |r| Span::new(r.start, r.end - r.start))
}

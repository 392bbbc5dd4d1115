//! The edits the page makes to a form besides typing, as rules with tests:
//! the gateway that follows the subnet, the secondary rows (a pasted list,
//! free addresses filled in, a row removed), and which form the page starts
//! with.

use super::form::{split_list, Form};
use super::picture::picture;
use super::subnet::{resolve_subnet, suggested_gateway};
use crate::share::{self, Shared};

/// Applies `change` to `form`; when it moves the subnet and the gateway is
/// empty or still the old subnet's usual one, the gateway follows to the
/// new subnet's usual gateway. A gateway the user typed is never overwritten.
///
/// ```
/// use wizard::plan::{edit::edit_following_gateway, Form};
/// let mut f = Form::guide_example(); // gateway 192.168.1.253, the usual one
/// edit_following_gateway(&mut f, |f| f.cidr = "10.0.0.0/24".into());
/// assert_eq!(f.gateway, "10.0.0.253"); // followed the subnet
///
/// f.gateway = "10.0.0.1".into(); // typed by the user
/// edit_following_gateway(&mut f, |f| f.cidr = "10.0.1.0/24".into());
/// assert_eq!(f.gateway, "10.0.0.1"); // kept
///
/// f.gateway.clear();
/// edit_following_gateway(&mut f, |f| f.dns = "100.100.2.136".into());
/// assert_eq!(f.gateway, ""); // the subnet did not move: left empty
/// edit_following_gateway(&mut f, |f| f.cidr = "10.0.2.0/24".into());
/// assert_eq!(f.gateway, "10.0.2.253"); // an empty gateway is filled in
/// ```
pub fn edit_following_gateway(form: &mut Form, change: impl FnOnce(&mut Form)) {
    let before = suggested_gateway(form);
    change(form);
    let after = suggested_gateway(form);
    let untouched = form.gateway.trim().is_empty() || before.as_deref() == Some(&form.gateway);
    if before != after && untouched {
        if let Some(gateway) = after {
            form.gateway = gateway;
        }
    }
}

/// Fills an empty gateway with the subnet's usual one, as if it had been
/// typed after the CIDR (a link or a stored form without a gateway).
///
/// ```
/// use wizard::plan::{edit::fill_usual_gateway, Form};
/// let mut f = Form { gateway: String::new(), ..Form::guide_example() };
/// fill_usual_gateway(&mut f);
/// assert_eq!(f.gateway, "192.168.1.253");
/// ```
pub fn fill_usual_gateway(form: &mut Form) {
    if form.gateway.trim().is_empty() {
        if let Some(gateway) = suggested_gateway(form) {
            form.gateway = gateway;
        }
    }
}

/// Drops the empty secondary rows and appends `items` as rows of their own.
fn append_rows(form: &mut Form, items: impl IntoIterator<Item = String>) {
    form.secondaries.retain(|r| !r.trim().is_empty());
    form.secondaries.extend(items);
}

/// Adds every address of a pasted list (split on commas, semicolons and
/// whitespace) as a row of its own, after the rows that hold something.
/// Returns `false`, changing nothing, when the text holds no address.
///
/// ```
/// use wizard::plan::{edit::add_pasted, Form};
/// let mut f = Form::default(); // one empty row
/// assert!(add_pasted(&mut f, "10.0.0.5, 10.0.0.6\n10.0.0.7"));
/// assert_eq!(f.secondaries, ["10.0.0.5", "10.0.0.6", "10.0.0.7"]);
/// assert!(!add_pasted(&mut f, " ,\n"));
/// ```
pub fn add_pasted(form: &mut Form, text: &str) -> bool {
    let items: Vec<String> = split_list(text).into_iter().map(str::to_owned).collect();
    if items.is_empty() {
        return false;
    }
    append_rows(form, items);
    true
}

/// The most free addresses one "fill" adds.
pub const MAX_FILL: usize = 100;

/// How many free addresses the fill box asks for: its number, 1 when it
/// holds none, at most [`MAX_FILL`].
///
/// ```
/// use wizard::plan::edit::fill_count;
/// assert_eq!((fill_count(" 3 "), fill_count(""), fill_count("0"), fill_count("999")), (3, 1, 1, 100));
/// ```
pub fn fill_count(text: &str) -> usize {
    text.trim().parse::<usize>().unwrap_or(1).clamp(1, MAX_FILL)
}

/// Whether free addresses can be suggested: the subnet is known.
pub fn can_fill(form: &Form) -> bool {
    resolve_subnet(&form.cidr, &form.primary).is_ok()
}

/// Appends up to `n` (at most [`MAX_FILL`]) free addresses of the subnet as
/// rows, after the rows that hold something (see
/// [`next_free`](super::subnet::next_free)). Returns `false`, changing
/// nothing, when there is none to add (no subnet, or no free address).
///
/// ```
/// use wizard::plan::{edit::fill_free, Form};
/// let mut f = Form::guide_example(); // .201 primary, .202 and .203 secondaries
/// assert!(fill_free(&mut f, 2));
/// assert_eq!(f.secondaries, ["192.168.1.202", "192.168.1.203", "192.168.1.204", "192.168.1.205"]);
/// ```
pub fn fill_free(form: &mut Form, n: usize) -> bool {
    let free = picture(form).suggestions(n.min(MAX_FILL));
    if free.is_empty() {
        return false;
    }
    append_rows(form, free.iter().map(|a| a.to_string()));
    true
}

/// Removes secondary row `row` (nothing when there is no such row); the
/// list always keeps one row to type in, empty if need be.
///
/// ```
/// use wizard::plan::{edit::remove_secondary, Form};
/// let mut f = Form::guide_example();
/// remove_secondary(&mut f, 0);
/// assert_eq!(f.secondaries, ["192.168.1.203"]);
/// remove_secondary(&mut f, 0);
/// assert_eq!(f.secondaries, [""]);
/// ```
pub fn remove_secondary(form: &mut Form, row: usize) {
    if row < form.secondaries.len() {
        form.secondaries.remove(row);
    }
    if form.secondaries.is_empty() {
        form.secondaries.push(String::new());
    }
}

/// The form the page starts with: the link's when it holds any parameter
/// (a form field, or one the page does not know), else the stored one, else
/// the guide's example, so a first visit shows what the wizard makes.
///
/// `query` is the page's query without `?`; `stored` the form kept in
/// storage (a query too), if any. Page parameters (`embed`) alone do not
/// count as a link's form.
///
/// ```
/// use wizard::plan::{edit::start_form, Form};
/// let guide = Form::guide_example();
/// assert_eq!(start_form("", None).form, guide);
/// assert_eq!(start_form("embed=1", Some("ip=10.0.0.9")).form.primary, "10.0.0.9");
/// assert_eq!(start_form("ip=10.0.0.5", Some("ip=10.0.0.9")).form.primary, "10.0.0.5");
/// ```
pub fn start_form(query: &str, stored: Option<&str>) -> Shared {
    let from_link = share::from_query(query);
    if from_link.form != Form::default() || !from_link.unknown.is_empty() {
        return from_link;
    }
    let form = match stored {
        Some(stored) => share::from_query(stored).form,
        None => Form::guide_example(),
    };
    Shared { form, unknown: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_wins_then_storage_then_the_example() {
        let stored = "ip=10.0.0.9&cidr=10.0.0.0/24";
        // A link with a field wins over storage.
        let s = start_form("ip=10.0.0.5", Some(stored));
        assert_eq!((s.form.primary.as_str(), s.form.cidr.as_str()), ("10.0.0.5", ""));
        // A link with only an unknown parameter is still the link's (the
        // parameter is reported, the form is the default one).
        let s = start_form("zz=1", Some(stored));
        assert_eq!((s.form, s.unknown), (Form::default(), vec!["zz".to_owned()]));
        // No form in the link: the stored form, and nothing unknown from it.
        let s = start_form("embed=1", Some("ip=10.0.0.9&zz=2"));
        assert_eq!((s.form.primary.as_str(), s.unknown.len()), ("10.0.0.9", 0));
        // Nothing stored: the guide's example.
        assert_eq!(start_form("embed=1", None).form, Form::guide_example());
        // A stored empty form stays empty (the user pressed Reset).
        assert_eq!(start_form("", Some("")).form, Form::default());
    }

    #[test]
    fn pasted_rows_replace_only_empty_rows() {
        let mut f =
            Form { secondaries: vec!["".into(), "10.0.0.5".into(), " ".into()], ..Form::default() };
        assert!(add_pasted(&mut f, "10.0.0.6;10.0.0.7"));
        assert_eq!(f.secondaries, ["10.0.0.5", "10.0.0.6", "10.0.0.7"]);
        let before = f.clone();
        assert!(!add_pasted(&mut f, ""));
        assert_eq!(f, before);
    }

    #[test]
    fn fill_needs_a_subnet_and_skips_what_is_taken() {
        let mut f = Form { cidr: "nonsense".into(), ..Form::guide_example() };
        assert!(!can_fill(&f));
        let before = f.clone();
        assert!(!fill_free(&mut f, 3));
        assert_eq!(f, before);
        // A /29 with the gateway .5: only .1 to .4 are assignable.
        let mut f = Form {
            cidr: "10.0.0.0/29".into(),
            gateway: "10.0.0.5".into(),
            primary: "10.0.0.2".into(),
            secondaries: vec![String::new()],
            ..Form::default()
        };
        assert!(can_fill(&f));
        assert!(fill_free(&mut f, MAX_FILL * 10));
        assert_eq!(f.secondaries, ["10.0.0.3", "10.0.0.4", "10.0.0.1"]);
        assert!(!fill_free(&mut f, 1), "the subnet is full");
    }

    #[test]
    fn removing_keeps_one_row() {
        let mut f = Form { secondaries: vec!["a".into(), "b".into()], ..Form::default() };
        remove_secondary(&mut f, 5);
        assert_eq!(f.secondaries, ["a", "b"]);
        remove_secondary(&mut f, 1);
        remove_secondary(&mut f, 0);
        assert_eq!(f.secondaries, [""]);
        f.secondaries.clear();
        remove_secondary(&mut f, 0);
        assert_eq!(f.secondaries, [""]);
    }
}

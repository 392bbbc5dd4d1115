//! A stable insertion sort for the short lists the wizard sorts.
//!
//! The standard library's sorts (driftsort, ipnsort) are fast on large
//! inputs, but each element type they are used with adds 3 to 6 KB of
//! WebAssembly: the four sorts of the app cost about 20 KB of the bundle.
//! Every list sorted here is short (problems of one form, marks of the
//! subnet picture, addresses on one interface, instance types near a typed
//! name, at most a few hundred), so an insertion sort is as fast in practice
//! and compiles to a few hundred bytes.

/// Sorts `v` by `key`, keeping the order of equal keys (like
/// [`slice::sort_by_key`]); quadratic, for short lists only.
///
/// ```
/// let mut v = [(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd')];
/// wizard::small_sort::sort_by_key(&mut v, |&(k, _)| k);
/// assert_eq!(v, [(0, 'd'), (1, 'b'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        // Move v[i] left past every element with a greater key only: equal
        // keys keep their order.
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn edge_cases() {
        let mut empty: [u8; 0] = [];
        sort_by_key(&mut empty, |&x| x);
        let mut one = [7];
        sort_by_key(&mut one, |&x| x);
        assert_eq!(one, [7]);
        let mut rev = [5, 4, 3, 2, 1];
        sort_by_key(&mut rev, |&x| x);
        assert_eq!(rev, [1, 2, 3, 4, 5]);
    }

    proptest! {
        /// The same order as the standard library's stable sort, ties included.
        #[test]
        fn same_as_std_stable_sort(mut v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut expected = v.clone();
            expected.sort_by_key(|&(k, _)| k);
            sort_by_key(&mut v, |&(k, _)| k);
            prop_assert_eq!(v, expected);
        }
    }
}

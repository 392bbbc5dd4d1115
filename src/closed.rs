//! Closed sets: enums with a stable id each (`ALL`, `as_str`, `Display`,
//! `FromStr`), so a value round-trips through a URL, a golden file or storage.

use std::fmt;

/// Declares a closed set with `ALL`, `as_str` (the stable id), `FromStr` and
/// `Display` (the stable id, so a value round-trips through a URL).
macro_rules! closed_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in catalog order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable id (carried by URLs and golden files).
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = crate::closed::UnknownId;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| crate::closed::UnknownId {
                        value: s.to_owned(),
                        valid: $name::ALL.iter().map(|v| v.as_str()).collect(),
                    })
            }
        }
    };
}
pub(crate) use closed_enum;

/// A string that is not one of a closed set's ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownId {
    /// What was given.
    pub value: String,
    /// Every valid id.
    pub valid: Vec<&'static str>,
}

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown value '{}': choose from {}", self.value, self.valid.join(", "))
    }
}

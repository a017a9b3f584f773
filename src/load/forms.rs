//! Values a teacher may write in more than one form: a unit fact or "not stated" or "does not
//! apply", an outcome id as a number or as text, a mark range as one number or two, a grid cell
//! as a list of criteria or "above". Each says, when the value is none of its forms, what the
//! forms are: serde's "expected" part of its message is the words, then `, e.g. ` and an example
//! of the value, which [`super::explain`] puts after `key = ` in its help.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, SeqAccess, Unexpected, Visitor};
use serde::Deserialize;
use toml::Spanned;

use super::values::{AssessmentMethod, Fact, UnitType};

const NOT_STATED: &str = "not stated";
const DOES_NOT_APPLY: &str = "does not apply";

/// A kind of value a [`Fact`] may hold, and how it is written.
pub trait FactValue: Sized {
    /// What the value may be, with "not stated" and "does not apply", then an example.
    const EXPECTED: &'static str;
    /// The words it may be, for "did you mean" (empty when it is free text or a number).
    const WORDS: &'static [&'static str] = &[];
    fn from_number(_: u64) -> Option<Self> {
        None
    }
    fn from_text(_: &str) -> Option<Self> {
        None
    }
    fn from_list(_: Vec<String>) -> Option<Self> {
        None
    }
}

impl FactValue for u32 {
    const EXPECTED: &'static str = "a whole number, \"not stated\" or \"does not apply\", e.g. 10";
    fn from_number(n: u64) -> Option<Self> {
        u32::try_from(n).ok()
    }
}

impl FactValue for String {
    const EXPECTED: &'static str =
        "text in quotes, \"not stated\" or \"does not apply\", e.g. \"…\"";
    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_string())
    }
}

impl FactValue for UnitType {
    const EXPECTED: &'static str =
        "\"mandatory\", \"optional\", \"not stated\" or \"does not apply\", e.g. \"mandatory\"";
    const WORDS: &'static [&'static str] = &["mandatory", "optional", NOT_STATED, DOES_NOT_APPLY];
    fn from_text(text: &str) -> Option<Self> {
        match text {
            "mandatory" => Some(UnitType::Mandatory),
            "optional" => Some(UnitType::Optional),
            _ => None,
        }
    }
}

impl FactValue for Vec<AssessmentMethod> {
    const EXPECTED: &'static str = "\"internal\", \"external\" or \"synoptic\", a list of them, \
         \"not stated\" or \"does not apply\", e.g. [\"internal\", \"synoptic\"]";
    const WORDS: &'static [&'static str] = &[
        "internal",
        "external",
        "synoptic",
        NOT_STATED,
        DOES_NOT_APPLY,
    ];
    fn from_text(text: &str) -> Option<Self> {
        let method = match text {
            "internal" => AssessmentMethod::Internal,
            "external" => AssessmentMethod::External,
            "synoptic" => AssessmentMethod::Synoptic,
            _ => return None,
        };
        Some(vec![method])
    }
    fn from_list(items: Vec<String>) -> Option<Self> {
        let mut out: Vec<AssessmentMethod> = Vec::new();
        for item in &items {
            let method = Self::from_text(item)?.pop()?;
            if !out.contains(&method) {
                out.push(method);
            }
        }
        (!out.is_empty()).then_some(out)
    }
}

impl<'de, T: FactValue> Deserialize<'de> for Fact<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: FactValue> Visitor<'de> for V<T> {
            type Value = Fact<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(T::EXPECTED)
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
                match u64::try_from(n) {
                    Ok(n) => self.visit_u64(n),
                    Err(_) => Err(E::invalid_value(Unexpected::Signed(n), &self)),
                }
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
                T::from_number(n)
                    .map(Fact::Stated)
                    .ok_or_else(|| E::invalid_value(Unexpected::Unsigned(n), &self))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                match text {
                    NOT_STATED => Ok(Fact::NotStated),
                    DOES_NOT_APPLY => Ok(Fact::DoesNotApply),
                    _ => T::from_text(text).map(Fact::Stated).ok_or_else(|| {
                        if T::WORDS.is_empty() {
                            E::invalid_value(Unexpected::Str(text), &self)
                        } else {
                            E::unknown_variant(text, T::WORDS)
                        }
                    }),
                }
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                T::from_list(items)
                    .map(Fact::Stated)
                    .ok_or_else(|| de::Error::invalid_value(Unexpected::Seq, &self))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// The id of an outcome as a criterion, a knowledge item or a grid row names it: `1` or `"A"`,
/// kept as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeKey(pub String);

impl<'de> Deserialize<'de> for OutcomeKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OutcomeKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an outcome's id: a number, or text in quotes, e.g. \"A\"")
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<OutcomeKey, E> {
                Ok(OutcomeKey(n.to_string()))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<OutcomeKey, E> {
                Ok(OutcomeKey(n.to_string()))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<OutcomeKey, E> {
                Ok(OutcomeKey(text.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// The marks of one mark band, lowest and highest: `marks = [4, 6]`, or `marks = 1` for a band
/// of one mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkRange {
    pub low: u32,
    pub high: u32,
}

impl<'de> Deserialize<'de> for MarkRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MarkRange;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "the band's lowest and highest mark, lowest first, or one mark, e.g. [4, 6]",
                )
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<MarkRange, E> {
                match u32::try_from(n) {
                    Ok(n) => Ok(MarkRange { low: n, high: n }),
                    Err(_) => Err(E::invalid_value(Unexpected::Signed(n), &self)),
                }
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<MarkRange, A::Error> {
                let mut marks = Vec::new();
                while let Some(m) = seq.next_element::<i64>()? {
                    marks.push(m);
                }
                match marks.as_slice() {
                    [low, high] if 0 <= *low && low <= high && *high <= i64::from(u32::MAX) => {
                        Ok(MarkRange {
                            low: *low as u32,
                            high: *high as u32,
                        })
                    }
                    [_, _] => Err(de::Error::invalid_value(Unexpected::Seq, &self)),
                    other => Err(de::Error::invalid_length(other.len(), &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// One cell of a grid stated row by row: the criteria in it, or the cell above reaching down
/// to this row.
#[derive(Debug)]
pub enum GridCell {
    Criteria(Vec<Spanned<String>>),
    Above,
}

/// The word that makes a grid cell continue the one above it.
pub const ABOVE: &str = "above";

impl<'de> Deserialize<'de> for GridCell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = GridCell;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a list of criterion ids, [] for an empty cell, or \"above\" for the cell \
                     above to reach down to this row, e.g. [\"P1\", \"P2\"]",
                )
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<GridCell, E> {
                if text == ABOVE {
                    Ok(GridCell::Above)
                } else {
                    Err(E::invalid_value(Unexpected::Str(text), &self))
                }
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<GridCell, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<Spanned<String>>()? {
                    ids.push(id);
                }
                Ok(GridCell::Criteria(ids))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Facts {
        #[serde(default = "Fact::not_stated")]
        credit: Fact<u32>,
        #[serde(default)]
        kind: Fact<UnitType>,
        #[serde(default)]
        how: Fact<Vec<AssessmentMethod>>,
    }

    fn facts(text: &str) -> Result<Facts, String> {
        toml::from_str::<Facts>(text).map_err(|e| e.message().to_string())
    }

    #[test]
    fn a_fact_is_a_value_not_stated_or_does_not_apply() {
        let f =
            facts("credit = 10\nkind = \"optional\"\nhow = [\"external\", \"synoptic\"]").unwrap();
        assert_eq!(f.credit, Fact::Stated(10));
        assert_eq!(f.kind, Fact::Stated(UnitType::Optional));
        assert_eq!(
            f.how,
            Fact::Stated(vec![AssessmentMethod::External, AssessmentMethod::Synoptic])
        );
        let f = facts("credit = \"does not apply\"\nkind = \"not stated\"").unwrap();
        assert_eq!(f.credit, Fact::DoesNotApply);
        assert_eq!(f.kind, Fact::NotStated);
        let f = facts("").unwrap();
        assert_eq!(
            f.credit,
            Fact::NotStated,
            "a credit value left out is not stated"
        );
        assert_eq!(
            f.kind,
            Fact::DoesNotApply,
            "a new fact left out shows nothing"
        );
    }

    #[test]
    fn a_wrong_fact_says_what_it_may_be() {
        let e = facts("credit = \"ten\"").unwrap_err();
        assert!(e.contains("a whole number, \"not stated\""), "{e}");
        let e = facts("kind = \"compulsory\"").unwrap_err();
        assert!(e.contains("unknown variant `compulsory`"), "{e}");
        assert!(e.contains("`mandatory`"), "{e}");
        let e = facts("how = [\"internal\", \"online\"]").unwrap_err();
        assert!(e.contains("\"synoptic\""), "{e}");
        assert!(facts("credit = -2").is_err());
    }

    #[derive(Debug, Deserialize)]
    struct Marks {
        marks: MarkRange,
    }

    #[test]
    fn a_mark_range_is_two_marks_in_order_or_one() {
        let m = |t: &str| toml::from_str::<Marks>(t).map(|m| m.marks);
        assert_eq!(m("marks = [4, 6]").unwrap(), MarkRange { low: 4, high: 6 });
        assert_eq!(m("marks = 0").unwrap(), MarkRange { low: 0, high: 0 });
        for wrong in [
            "marks = [6, 4]",
            "marks = [1, 2, 3]",
            "marks = \"1-3\"",
            "marks = -1",
        ] {
            let e = m(wrong).unwrap_err();
            assert!(e.message().contains("lowest first"), "{wrong}: {e}");
        }
    }
}

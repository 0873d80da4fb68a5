//! serde `Serialize`/`Deserialize` for [`Jwk`] and [`JwkSet`], so that keys can sit in
//! configuration structs.
//!
//! Deserializing judges a key exactly as [`Jwk::from_json`] and a set as
//! [`JwkSet::from_json`] do, whatever the format (JSON, TOML, YAML, ...): the value is
//! first read into JSON by a visitor that refuses a repeated member, nesting beyond
//! the JSON parser's depth and more content than its size limit (a generic
//! `serde_json::Value` would silently keep the last of two `k` members, and has no
//! bound), then handed to the same import code. Intermediate values that hold private
//! members are wiped when dropped, as everywhere in the crate.

use super::members::WipeOnDrop;
use super::{Jwk, JwkSet, MAX_JWK_BYTES, MAX_JWK_DEPTH};
use crate::error::ErrorKind;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::fmt;

/// The same bounds as [`JwkSet::from_json`] (a set holds keys, one level deeper).
const MAX_SET_BYTES: usize = 1024 * 1024;

impl Serialize for Jwk {
    /// The key's JSON members ([`Jwk::to_value`]), private members included.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WipeOnDrop(self.to_value()).0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Jwk {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = WipeOnDrop(strict_value(deserializer, MAX_JWK_BYTES)?);
        Jwk::from_value(&value.0).map_err(de::Error::custom)
    }
}

impl Serialize for JwkSet {
    /// `{"keys": [...]}`, as [`JwkSet::to_json`] writes it.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let keys: Vec<Value> = self.keys().iter().map(Jwk::to_value).collect();
        WipeOnDrop(serde_json::json!({ "keys": keys }))
            .0
            .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for JwkSet {
    /// Strict, as [`JwkSet::from_json`]: an application's own set has no broken keys.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = WipeOnDrop(strict_value(deserializer, MAX_SET_BYTES)?);
        match &value.0 {
            Value::Object(_) => JwkSet::from_members(&value.0, false).map_err(de::Error::custom),
            _ => Err(de::Error::custom(crate::Error::malformed(
                "a JWK Set must be an object with a \"keys\" array",
            ))),
        }
    }
}

fn strict_value<'de, D: Deserializer<'de>>(
    deserializer: D,
    max_bytes: usize,
) -> Result<Value, D::Error> {
    let budget = Cell::new(max_bytes);
    Strict {
        depth_left: MAX_JWK_DEPTH,
        budget: &budget,
    }
    .deserialize(deserializer)
}

/// Reads any self-describing value into JSON, refusing duplicates and bounding depth
/// and size. `budget` counts string bytes plus one per value, roughly the JSON length.
struct Strict<'b> {
    depth_left: usize,
    budget: &'b Cell<usize>,
}

impl Strict<'_> {
    fn spend<E: de::Error>(&self, bytes: usize) -> Result<(), E> {
        match self.budget.get().checked_sub(bytes.saturating_add(1)) {
            Some(left) => {
                self.budget.set(left);
                Ok(())
            }
            None => Err(E::custom(crate::Error::new(
                ErrorKind::LimitExceeded,
                "the key is larger than the JSON size limit",
            ))),
        }
    }

    fn nested<E: de::Error>(&self) -> Result<Strict<'_>, E> {
        let depth_left = self.depth_left.checked_sub(1).ok_or_else(|| {
            E::custom(crate::Error::new(
                ErrorKind::LimitExceeded,
                "the key is nested deeper than the JSON depth limit",
            ))
        })?;
        Ok(Strict {
            depth_left,
            budget: self.budget,
        })
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        self.spend(0)?;
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.spend(8)?;
        Ok(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.spend(8)?;
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        self.spend(8)?;
        // NaN and infinities have no JSON form.
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("a number that JSON cannot hold"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.spend(v.len())?;
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.spend(v.len())?;
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.spend(0)?;
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.spend(0)?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self.nested()?)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.spend(0)?;
        let mut members = Map::new();
        while let Some(name) = map.next_key::<String>()? {
            self.spend(name.len())?;
            if members.contains_key(&name) {
                return Err(de::Error::custom(crate::Error::new(
                    ErrorKind::DuplicateMember,
                    format!("duplicate member {name:?}"),
                )));
            }
            let value = map.next_value_seed(self.nested()?)?;
            members.insert(name, value);
        }
        Ok(Value::Object(members))
    }
}

//! A value derived from inputs, kept until they change (the actor list's rows, the
//! "merge with" choices): panels draw every frame, but these lists cost a pass over
//! every actor or event, so they are computed again only when their key — the
//! dataset's revision and whatever else they depend on — differs from last time.

/// A value computed from a key, kept until a different key is asked for.
#[derive(Debug, Clone, Default)]
pub struct Memo<K, V> {
    key: Option<K>,
    value: V,
}

impl<K: PartialEq, V> Memo<K, V> {
    /// The value for `key`: the kept one when `key` equals the last key, else
    /// `compute()` (then kept).
    pub fn get(&mut self, key: K, compute: impl FnOnce() -> V) -> &V {
        if self.key.as_ref() != Some(&key) {
            self.value = compute();
            self.key = Some(key);
        }
        &self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_again_only_when_the_key_changes() {
        let mut memo: Memo<(u64, String), usize> = Memo::default();
        let mut runs = 0;
        let mut get = |memo: &mut Memo<_, _>, rev: u64, filter: &str| {
            *memo.get((rev, filter.to_string()), || {
                runs += 1;
                filter.len() + rev as usize
            })
        };
        assert_eq!(get(&mut memo, 1, "ab"), 3);
        assert_eq!(get(&mut memo, 1, "ab"), 3);
        assert_eq!(get(&mut memo, 1, "abc"), 4, "the filter changed");
        assert_eq!(get(&mut memo, 2, "abc"), 5, "the dataset changed");
        assert_eq!(get(&mut memo, 2, "abc"), 5);
        assert_eq!(runs, 3);
    }
}

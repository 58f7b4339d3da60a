//! Hash maps and sets for the extraction's hot lookups (word lists, gazetteers,
//! per-article name tables): foldhash instead of the standard SipHash, which took
//! a sixth of the actor recognizer's time. Seeds are still random per process.

/// A `HashMap` with foldhash.
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A `HashSet` with foldhash.
pub type Set<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

//! Batch sampling: which samples each step of a data model uses.
//!
//! Samples are drawn in epochs: the indices are shuffled with the seeded [`Rng`], walked in
//! order in batches of `bs`, and reshuffled when an epoch ends. The last batch of an epoch may
//! be shorter, so every sample is used exactly once per epoch. Full batch uses every sample in
//! index order and draws nothing.

use crate::rng::Rng;

/// The stream of the seed that drives batch order, apart from the data's own stream.
const BATCH_STREAM: u64 = 0xBA7C;

/// How many samples each step uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchMode {
    /// All samples at every step (批量梯度下降).
    Full,
    /// One sample per step (随机梯度下降).
    Sgd,
    /// `bs` samples per step (小批量梯度下降).
    Mini,
}

impl BatchMode {
    /// The names used in settings (`batch=`).
    pub const NAMES: [&'static str; 3] = ["full", "sgd", "mini"];

    /// The settings name.
    pub fn name(&self) -> &'static str {
        match self {
            BatchMode::Full => "full",
            BatchMode::Sgd => "sgd",
            BatchMode::Mini => "mini",
        }
    }

    /// The mode for a settings name.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "full" => Some(BatchMode::Full),
            "sgd" => Some(BatchMode::Sgd),
            "mini" => Some(BatchMode::Mini),
            _ => None,
        }
    }
}

/// Deals out batches of sample indices, epoch after epoch.
#[derive(Clone, Debug)]
pub struct BatchSampler {
    order: Vec<u32>,
    pos: usize,
    bs: usize,
    shuffle: bool,
    epoch: u64,
    rng: Rng,
}

impl BatchSampler {
    /// A sampler over `n` samples for `mode`; `bs` is used by [`BatchMode::Mini`] and clamped
    /// to `1..=n`.
    pub fn new(mode: BatchMode, n: usize, bs: usize, seed: u64) -> Self {
        let n = n.max(1);
        let (bs, shuffle) = match mode {
            BatchMode::Full => (n, false),
            BatchMode::Sgd => (1, true),
            BatchMode::Mini => (bs.clamp(1, n), true),
        };
        BatchSampler {
            order: (0..n as u32).collect(),
            pos: n,
            bs,
            shuffle,
            epoch: 0,
            rng: Rng::for_stream(seed, BATCH_STREAM),
        }
    }

    /// The indices of the next batch.
    pub fn next_batch(&mut self) -> &[u32] {
        if self.pos >= self.order.len() {
            if self.shuffle {
                self.rng.shuffle(&mut self.order);
            }
            self.pos = 0;
            self.epoch += 1;
        }
        let start = self.pos;
        let end = (start + self.bs).min(self.order.len());
        self.pos = end;
        &self.order[start..end]
    }

    /// The sample the step `ahead` steps after the last one handed out will start its batch
    /// with, if that is still in this epoch (the next epoch's order is not drawn yet).
    pub fn upcoming(&self, ahead: usize) -> Option<u32> {
        if ahead == 0 || !self.shuffle {
            return None;
        }
        self.order.get(self.pos + (ahead - 1) * self.bs).copied()
    }

    /// Moves to the start of epoch `epoch` (counted from 1, as [`BatchSampler::epoch`]
    /// counts): the shuffles of the epochs skipped are drawn exactly as [`next_batch`] would
    /// draw them, so the batches dealt next are that epoch's, bit for bit. An epoch already
    /// started is only rewound to its start; an earlier one cannot be reached (make a new
    /// sampler). Costs one shuffle of n per epoch skipped.
    ///
    /// [`next_batch`]: BatchSampler::next_batch
    pub fn seek_epoch(&mut self, epoch: u64) {
        while self.epoch < epoch {
            if self.shuffle {
                self.rng.shuffle(&mut self.order);
            }
            self.epoch += 1;
        }
        self.pos = 0;
    }

    /// The samples in the order of the current epoch (after [`BatchSampler::seek_epoch`]
    /// or the first batch): batch j is `order()[j·bs .. (j+1)·bs]`, the last one shorter.
    pub fn order(&self) -> &[u32] {
        &self.order
    }

    /// The samples per batch (after clamping to `1..=n`).
    pub fn batch_size(&self) -> usize {
        self.bs
    }

    /// The steps of one epoch: ⌈n / bs⌉.
    pub fn batches_per_epoch(&self) -> usize {
        self.order.len().div_ceil(self.bs)
    }

    /// How many epochs have been started.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Whether every batch is the whole dataset.
    pub fn is_full(&self) -> bool {
        !self.shuffle
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `upcoming(d)` names the first sample of the batch d steps ahead, within the epoch.
    #[test]
    fn upcoming_names_the_batch_ahead() {
        for (mode, bs) in [(BatchMode::Sgd, 1), (BatchMode::Mini, 3)] {
            let mut ahead = BatchSampler::new(mode, 10, bs, 5);
            assert_eq!(ahead.upcoming(1), None, "no epoch drawn yet");
            ahead.next_batch();
            for _ in 0..20 {
                let want: Vec<Option<u32>> = (1..4)
                    .map(|d| {
                        let mut a = ahead.clone();
                        let same_epoch = a.epoch();
                        for _ in 1..d {
                            a.next_batch();
                        }
                        let first = a.next_batch()[0];
                        (a.epoch() == same_epoch).then_some(first)
                    })
                    .collect();
                let got: Vec<Option<u32>> = (1..4).map(|d| ahead.upcoming(d)).collect();
                assert_eq!(got, want);
                ahead.next_batch();
            }
            assert_eq!(ahead.upcoming(0), None);
        }
        assert_eq!(
            BatchSampler::new(BatchMode::Full, 10, 1, 5).upcoming(1),
            None
        );
    }

    fn epoch_of(s: &mut BatchSampler, n: usize) -> Vec<Vec<u32>> {
        let mut batches = Vec::new();
        let mut seen = 0;
        while seen < n {
            let b = s.next_batch().to_vec();
            seen += b.len();
            batches.push(b);
        }
        batches
    }

    #[test]
    fn every_sample_once_per_epoch() {
        let mut s = BatchSampler::new(BatchMode::Mini, 10, 4, 1);
        for _ in 0..5 {
            let batches = epoch_of(&mut s, 10);
            let sizes: Vec<usize> = batches.iter().map(Vec::len).collect();
            assert_eq!(sizes, vec![4, 4, 2]);
            let mut all: Vec<u32> = batches.concat();
            all.sort_unstable();
            assert_eq!(all, (0..10).collect::<Vec<_>>());
        }
    }

    #[test]
    fn reshuffles_at_each_epoch_and_is_reproducible() {
        let mut a = BatchSampler::new(BatchMode::Sgd, 20, 1, 9);
        let mut b = BatchSampler::new(BatchMode::Sgd, 20, 1, 9);
        let ea1 = epoch_of(&mut a, 20).concat();
        let ea2 = epoch_of(&mut a, 20).concat();
        let eb1 = epoch_of(&mut b, 20).concat();
        assert_eq!(ea1, eb1);
        assert_ne!(ea1, ea2);
        let mut c = BatchSampler::new(BatchMode::Sgd, 20, 1, 10);
        assert_ne!(epoch_of(&mut c, 20).concat(), ea1);
    }

    /// Seeking an epoch deals exactly the batches a sampler walked there deals.
    #[test]
    fn seek_epoch_deals_the_walked_epoch() {
        for (mode, n, bs) in [
            (BatchMode::Sgd, 7, 1),
            (BatchMode::Mini, 10, 3),
            (BatchMode::Full, 5, 2),
        ] {
            let mut walked = BatchSampler::new(mode, n, bs, 4);
            let per = walked.batches_per_epoch();
            for epoch in 1..6u64 {
                let batches: Vec<Vec<u32>> =
                    (0..per).map(|_| walked.next_batch().to_vec()).collect();
                let mut sought = BatchSampler::new(mode, n, bs, 4);
                sought.seek_epoch(epoch);
                let chunks: Vec<Vec<u32>> = sought
                    .order()
                    .chunks(sought.batch_size())
                    .map(<[u32]>::to_vec)
                    .collect();
                assert_eq!(chunks, batches, "{mode:?} epoch {epoch}");
                let dealt: Vec<Vec<u32>> = (0..per).map(|_| sought.next_batch().to_vec()).collect();
                assert_eq!(dealt, batches);
                assert_eq!(sought.epoch(), epoch);
            }
        }
    }

    #[test]
    fn full_batch_is_every_index_in_order() {
        let mut s = BatchSampler::new(BatchMode::Full, 5, 2, 0);
        assert_eq!(s.next_batch(), &[0, 1, 2, 3, 4]);
        assert_eq!(s.next_batch(), &[0, 1, 2, 3, 4]);
        assert!(s.is_full());
    }
}

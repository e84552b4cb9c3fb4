//! The SGD epoch loop that the criterion bench times and `examples/hot.rs` profiles.

use descent::run::PREFETCH_STEPS;
use descent::{Model, Point};

/// One plain-gd SGD epoch over `order` with learning rate `lr`, from (1, 0): the last θ. It
/// asks for each sample as far ahead as a stochastic run does.
pub fn sgd_epoch(model: &Model, order: &[u32], lr: f64) -> Point {
    let mut theta = [1.0, 0.0];
    for (k, i) in order.iter().enumerate() {
        if let Some(&ahead) = order.get(k + PREFETCH_STEPS) {
            model.prefetch(ahead);
        }
        let (_, g) = model.batch_loss_gradient(theta, std::slice::from_ref(i));
        theta = [theta[0] - lr * g[0], theta[1] - lr * g[1]];
    }
    theta
}

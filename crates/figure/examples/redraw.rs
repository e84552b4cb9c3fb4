//! One redraw's computation, as the page does it for rosenbrock at 1600 × 1199 device
//! pixels (dpr 2): sample, colour and contour the landscape, then the plot's picture. Made
//! to be counted with callgrind, which a busy machine does not disturb:
//!
//! `valgrind --tool=callgrind target/release/examples/redraw`

use descent::{Function, Objective};
use descent_figure::layout::Layout;
use descent_figure::raster::Picture;
use descent_figure::scene::surface_parts;
use descent_figure::surface::{contour_pixels, contour_style};
use descent_figure::zoom::{equal_axes, surface_layout};

fn main() {
    let o = Objective::Function(Function::from_name("rosenbrock").expect("rosenbrock is built in"));
    // The page draws every 2-D function with equal units on both axes.
    let layout: Layout = surface_layout(1600, 1199, 2.0, o.window(), equal_axes(&o));
    let reps: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3);
    let mut picture = Picture::default();
    for _ in 0..reps {
        let parts = surface_parts(&o, layout, true);
        let r = layout.plot;
        picture.draw(
            &parts.units,
            parts.nx,
            parts.ny,
            (r.width() as usize, r.height() as usize),
            &contour_pixels(&layout, &parts.contours),
            contour_style(&layout),
        );
        std::hint::black_box(&picture);
    }
    // A checksum of the last picture, to tell whether a change altered any pixel.
    let sum = picture
        .pixels
        .iter()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
            (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
        });
    println!("picture checksum {sum:016x}");
}

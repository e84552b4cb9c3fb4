//! Where things go: the plot rectangle inside a figure, in device pixels, and the mapping
//! between θ and pixels.

pub use descent::Window;

/// A rectangle in device pixels; `right` and `bottom` are exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    /// First column.
    pub left: i32,
    /// First row.
    pub top: i32,
    /// One past the last column.
    pub right: i32,
    /// One past the last row.
    pub bottom: i32,
}

impl Rect {
    /// Width in pixels.
    pub fn width(&self) -> i32 {
        self.right - self.left
    }

    /// Height in pixels.
    pub fn height(&self) -> i32 {
        self.bottom - self.top
    }
}

/// Margins around a plot in CSS pixels: room for tick labels and axis names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Margins {
    /// Left, for the y tick labels and name.
    pub left: f64,
    /// Top.
    pub top: f64,
    /// Right.
    pub right: f64,
    /// Bottom, for the x tick labels and name.
    pub bottom: f64,
}

/// The margins of the surface and the loss chart.
pub const MARGINS: Margins = Margins {
    left: 50.0,
    top: 8.0,
    right: 12.0,
    bottom: 40.0,
};

/// A figure of `width × height` device pixels at `dpr` device pixels per CSS pixel, its plot
/// rectangle, and the window of θ that the plot rectangle shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// Figure width in device pixels.
    pub width: u32,
    /// Figure height in device pixels.
    pub height: u32,
    /// Device pixels per CSS pixel; sizes of text and lines scale with it.
    pub dpr: f64,
    /// The plot rectangle.
    pub plot: Rect,
    /// The θ range of the plot rectangle.
    pub window: Window,
}

impl Layout {
    /// The layout of a figure with the standard [`MARGINS`]. Tiny figures keep a plot of at
    /// least one pixel; a non-finite or non-positive `dpr` counts as 1.
    ///
    /// ```
    /// use descent_figure::{Layout, Window};
    /// let l = Layout::new(400, 300, 1.0, Window::new(-1.0, 1.0, -1.0, 1.0));
    /// assert_eq!((l.plot.left, l.plot.top, l.plot.right, l.plot.bottom), (50, 8, 388, 260));
    /// assert_eq!(l.to_px([-1.0, 1.0]), (50.0, 8.0));
    /// ```
    pub fn new(width: u32, height: u32, dpr: f64, window: Window) -> Layout {
        Layout::with_margins(width, height, dpr, window, MARGINS)
    }

    /// The layout with other margins.
    pub fn with_margins(width: u32, height: u32, dpr: f64, window: Window, m: Margins) -> Layout {
        let dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr.min(8.0)
        } else {
            1.0
        };
        let (w, h) = (width.min(1 << 15) as i32, height.min(1 << 15) as i32);
        let px = |css: f64| (css * dpr).round() as i32;
        let left = px(m.left).min(w / 3);
        let right = (w - px(m.right)).max(left + 1);
        let top = px(m.top).min(h / 3);
        let bottom = (h - px(m.bottom).min(h / 3)).max(top + 1);
        Layout {
            width,
            height,
            dpr,
            plot: Rect {
                left,
                top,
                right,
                bottom,
            },
            window: window.sanitized(),
        }
    }

    /// A length of `css` CSS pixels in device pixels.
    pub fn px(&self, css: f64) -> f64 {
        css * self.dpr
    }

    /// The pixel position of θ (fractional; not clamped, and ±∞ for huge θ).
    pub fn to_px(&self, p: [f64; 2]) -> (f64, f64) {
        let w = self.window;
        let r = self.plot;
        let x = r.left as f64 + (p[0] - w.x_min) / (w.x_max - w.x_min) * r.width() as f64;
        let y = r.top as f64 + (w.y_max - p[1]) / (w.y_max - w.y_min) * r.height() as f64;
        (x, y)
    }

    /// θ at a pixel position, or `None` outside the plot rectangle (edges included).
    pub fn to_data(&self, x: f64, y: f64) -> Option<[f64; 2]> {
        let r = self.plot;
        if !(x >= r.left as f64 && x <= r.right as f64 && y >= r.top as f64 && y <= r.bottom as f64)
        {
            return None;
        }
        let w = self.window;
        Some([
            w.x_min + (x - r.left as f64) / r.width() as f64 * (w.x_max - w.x_min),
            w.y_max - (y - r.top as f64) / r.height() as f64 * (w.y_max - w.y_min),
        ])
    }

    /// The heatmap's sample counts for one sample every `step` device pixels.
    pub fn grid_size(&self, step: f64) -> (usize, usize) {
        let step = if step.is_finite() && step >= 1.0 {
            step
        } else {
            1.0
        };
        let n = |len: i32| ((len as f64 / step).ceil() as usize).max(2);
        (n(self.plot.width()), n(self.plot.height()))
    }

    /// The window whose edge-inclusive `nx × ny` grid puts each sample at the centre of its
    /// cell when the grid is stretched over the plot rectangle: the plot window shrunk by half
    /// a cell on each side. Sample the loss on this window, blit the `nx × ny` image over
    /// [`Layout::plot`], and colours sit exactly under the θ they show.
    pub fn sample_window(&self, nx: usize, ny: usize) -> Window {
        let w = self.window;
        let hx = (w.x_max - w.x_min) / nx.max(1) as f64 / 2.0;
        let hy = (w.y_max - w.y_min) / ny.max(1) as f64 / 2.0;
        Window::new(w.x_min + hx, w.x_max - hx, w.y_min + hy, w.y_max - hy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_and_data_round_trip() {
        let l = Layout::new(1600, 1200, 2.0, Window::new(-2.0, 2.0, -1.0, 3.0));
        assert_eq!(
            l.plot,
            Rect {
                left: 100,
                top: 16,
                right: 1576,
                bottom: 1120
            }
        );
        for p in [[0.0, 0.0], [1.0, 1.0], [-2.0, 3.0], [1.9, -0.9]] {
            let (x, y) = l.to_px(p);
            let q = l.to_data(x, y).unwrap();
            assert!((q[0] - p[0]).abs() < 1e-12 && (q[1] - p[1]).abs() < 1e-12);
        }
        assert_eq!(l.to_data(10.0, 10.0), None);
        assert_eq!(l.to_px([2.0, -1.0]), (1576.0, 1120.0));
    }

    #[test]
    fn degenerate_inputs_give_a_usable_layout() {
        let l = Layout::new(
            3,
            2,
            f64::NAN,
            Window::new(f64::NAN, f64::INFINITY, 1.0, 1.0),
        );
        assert!(l.plot.width() >= 1 && l.plot.height() >= 1);
        let w = l.window;
        assert!(w.x_max > w.x_min && w.y_max > w.y_min);
        let (x, y) = l.to_px([0.0, 1.0]);
        assert!(x.is_finite() && y.is_finite());
    }

    #[test]
    fn sample_window_centres_cells() {
        let l = Layout::new(400, 300, 1.0, Window::new(0.0, 10.0, 0.0, 5.0));
        let s = l.sample_window(10, 5);
        assert_eq!(s, Window::new(0.5, 9.5, 0.5, 4.5));
        assert_eq!(l.grid_size(2.0), (169, 126));
    }
}

//! An RGB image that plotters draws on pixel by pixel, shared by the drawing tests (text is
//! skipped: there are no fonts natively).

use plotters_backend::{
    BackendColor, BackendCoord, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// An RGB image; `&mut Image` is a plotters backend.
pub struct Image {
    pub w: u32,
    pub h: u32,
    pub px: Vec<u8>,
}

impl Image {
    pub fn new(w: u32, h: u32) -> Image {
        Image {
            w,
            h,
            px: vec![0; (w * h * 3) as usize],
        }
    }
    pub fn at(&self, x: i32, y: i32) -> [u8; 3] {
        let i = ((y as u32 * self.w + x as u32) * 3) as usize;
        [self.px[i], self.px[i + 1], self.px[i + 2]]
    }
    /// Whether a pixel within `r` of (x, y) has colour `c` (±tol per channel).
    pub fn near(&self, (x, y): (f64, f64), r: i32, c: [u8; 3], tol: i32) -> bool {
        (-r..=r).any(|dy| {
            (-r..=r).any(|dx| {
                let (a, b) = (x.round() as i32 + dx, y.round() as i32 + dy);
                a >= 0
                    && b >= 0
                    && a < self.w as i32
                    && b < self.h as i32
                    && self
                        .at(a, b)
                        .iter()
                        .zip(c)
                        .all(|(p, q)| (*p as i32 - q as i32).abs() <= tol)
            })
        })
    }
    /// How many pixels have exactly colour `c`.
    pub fn count(&self, c: (u8, u8, u8)) -> usize {
        self.px
            .chunks(3)
            .filter(|p| p[0] == c.0 && p[1] == c.1 && p[2] == c.2)
            .count()
    }
}

impl DrawingBackend for &mut Image {
    type ErrorType = std::io::Error;
    fn get_size(&self) -> (u32, u32) {
        (self.w, self.h)
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn draw_pixel(
        &mut self,
        (x, y): BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if x < 0 || y < 0 || x >= self.w as i32 || y >= self.h as i32 {
            return Ok(());
        }
        let i = ((y as u32 * self.w + x as u32) * 3) as usize;
        let rgb = [c.rgb.0, c.rgb.1, c.rgb.2];
        for (old, new) in self.px[i..i + 3].iter_mut().zip(rgb) {
            *old = (*old as f64 * (1.0 - c.alpha) + new as f64 * c.alpha).round() as u8;
        }
        Ok(())
    }
    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        _: &str,
        _: &TStyle,
        _: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn blit_bitmap(
        &mut self,
        (x0, y0): BackendCoord,
        (w, h): (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        for y in 0..h as i32 {
            for x in 0..w as i32 {
                let s = ((y as u32 * w + x as u32) * 3) as usize;
                let d = (((y0 + y) as u32 * self.w + (x0 + x) as u32) * 3) as usize;
                self.px[d..d + 3].copy_from_slice(&src[s..s + 3]);
            }
        }
        Ok(())
    }
}

//! Animated GIFs of a run, for slides, posts and chat: which steps become frames, and an
//! encoder that keeps them small and readable. Frames are pixels of one size (RGB from the
//! CLI's bitmaps, RGBA from the page's canvases); all share one palette, chosen by NeuQuant
//! from the first and last frames and holding the figures' own colours exactly, without
//! dithering (text stays crisp, the viridis bands stay bands). Each frame after the first
//! stores only the rectangle that changed, with unchanged pixels transparent, so a path
//! growing over a fixed surface costs little per frame. The animation loops and holds its
//! last frame for a second.

use std::borrow::Cow;

use gif::{DisposalMethod, Encoder, Frame, Repeat};
use plotters::style::RGBColor;

use crate::runs::{CASING, RUN_COLOURS};
use crate::surface::LIGHT;

/// The most frames one GIF holds; longer ranges are sampled evenly.
pub const MAX_FRAMES: usize = 200;

/// Frames per second unless asked otherwise.
pub const DEFAULT_FPS: u32 = 20;

/// The frame rates a GIF can ask for (its delays are whole hundredths of a second).
pub const FPS_RANGE: std::ops::RangeInclusive<u32> = 1..=50;

/// How long the last frame stays before the loop starts again, in hundredths of a second.
pub const HOLD_LAST_CS: u16 = 100;

/// The palette entry that means "as in the previous frame".
const TRANSPARENT: u8 = 255;

/// Colours chosen by NeuQuant; the rest of the 255 opaque entries are the figures' own.
const LEARNED: usize = 255 - FIXED.len();

/// The figures' own colours, kept exact: black and white, the text, the current point and
/// every run's colour, and the greys of anti-aliased text on white.
const FIXED: [RGBColor; 16] = [
    RGBColor(0, 0, 0),
    RGBColor(255, 255, 255),
    LIGHT.foreground,
    LIGHT.current,
    RUN_COLOURS[1],
    RUN_COLOURS[2],
    RUN_COLOURS[3],
    RUN_COLOURS[4],
    RUN_COLOURS[5],
    CASING,
    RGBColor(64, 64, 64),
    RGBColor(96, 96, 96),
    RGBColor(128, 128, 128),
    RGBColor(160, 160, 160),
    RGBColor(192, 192, 192),
    RGBColor(224, 224, 224),
];

/// The steps shown by the frames of `from..=to` (in either order, `from` first): every step
/// when there are at most `max`, else `max` steps spread evenly, the first and last included.
///
/// ```
/// use descent_figure::anim::frame_steps;
/// assert_eq!(frame_steps(0, 4, 200), vec![0, 1, 2, 3, 4]);
/// assert_eq!(frame_steps(0, 1000, 3), vec![0, 500, 1000]);
/// assert_eq!(frame_steps(7, 7, 200), vec![7]);
/// ```
pub fn frame_steps(from: usize, to: usize, max: usize) -> Vec<usize> {
    let (lo, hi) = (from.min(to), from.max(to));
    let count = hi - lo + 1;
    let max = max.max(1);
    if count <= max {
        return (lo..=hi).collect();
    }
    if max == 1 {
        return vec![hi];
    }
    // Step i of max: lo + round(i·(hi−lo)/(max−1)), in integers.
    let span = (hi - lo) as u128;
    let last = (max - 1) as u128;
    (0..max)
        .map(|i| lo + ((i as u128 * span * 2 + last) / (last * 2)) as usize)
        .collect()
}

/// The delay of one frame at `fps`, in hundredths of a second (at least 2: browsers show
/// shorter delays as 10).
pub fn delay_cs(fps: u32) -> u16 {
    let fps = fps.clamp(*FPS_RANGE.start(), *FPS_RANGE.end());
    ((100 + fps / 2) / fps).max(2) as u16
}

/// An animated GIF being written: frames in, bytes out.
pub struct GifWriter {
    width: u16,
    height: u16,
    delay: u16,
    palette: Vec<[u8; 3]>,
    /// Palette index of each 5-bit-per-channel colour, found on first use (u16::MAX: not yet).
    lut: Vec<u16>,
    /// The previous frame as palette indices (empty before the first).
    prev: Vec<u8>,
    /// The frame written last, held back so the last one can be given the longer delay.
    pending: Option<Frame<'static>>,
    encoder: Encoder<Vec<u8>>,
    frames: usize,
}

impl GifWriter {
    /// A GIF of `width × height` pixels at `fps`, its palette chosen from `samples` (frames
    /// of `channels` bytes a pixel, 3 or 4; the first and last frames are good samples).
    pub fn new(
        width: u32,
        height: u32,
        fps: u32,
        samples: &[&[u8]],
        channels: usize,
    ) -> Result<GifWriter, String> {
        let (w, h) = (side(width)?, side(height)?);
        check_channels(channels)?;
        let pixels = width as usize * height as usize;
        for s in samples {
            if s.len() != pixels * channels {
                return Err(format!(
                    "a sample frame has {} bytes; a {width}×{height} frame of {channels} bytes a pixel has {}",
                    s.len(),
                    pixels * channels
                ));
            }
        }
        let palette = choose_palette(samples, channels);
        let mut flat: Vec<u8> = palette.iter().flatten().copied().collect();
        flat.extend_from_slice(&[0, 0, 0]); // the transparent entry
        let mut encoder = Encoder::new(Vec::new(), w, h, &flat).map_err(|e| e.to_string())?;
        encoder
            .set_repeat(Repeat::Infinite)
            .map_err(|e| e.to_string())?;
        Ok(GifWriter {
            width: w,
            height: h,
            delay: delay_cs(fps),
            palette,
            lut: vec![u16::MAX; 1 << 15],
            prev: Vec::new(),
            pending: None,
            encoder,
            frames: 0,
        })
    }

    /// Frames added so far.
    pub fn frames(&self) -> usize {
        self.frames
    }

    /// Adds a frame of `channels` bytes a pixel (alpha, if any, is ignored: frames are opaque).
    pub fn add(&mut self, pixels: &[u8], channels: usize) -> Result<(), String> {
        check_channels(channels)?;
        let n = self.width as usize * self.height as usize;
        if pixels.len() != n * channels {
            return Err(format!(
                "a frame has {} bytes; a {}×{} frame of {channels} bytes a pixel has {}",
                pixels.len(),
                self.width,
                self.height,
                n * channels
            ));
        }
        let mut indices = Vec::with_capacity(n);
        for px in pixels.chunks_exact(channels) {
            indices.push(self.index_of(px[0], px[1], px[2]));
        }
        let frame = match self.changed(&indices) {
            None if !self.prev.is_empty() => {
                // Nothing changed: one transparent pixel keeps the frame's time.
                Frame {
                    width: 1,
                    height: 1,
                    buffer: Cow::Owned(vec![TRANSPARENT]),
                    transparent: Some(TRANSPARENT),
                    ..Frame::default()
                }
            }
            None => self.rect(&indices, (0, 0, self.width, self.height), false),
            Some(r) => self.rect(&indices, r, !self.prev.is_empty()),
        };
        self.flush()?;
        self.pending = Some(Frame {
            delay: self.delay,
            dispose: DisposalMethod::Keep,
            ..frame
        });
        self.prev = indices;
        self.frames += 1;
        Ok(())
    }

    /// The GIF's bytes (the last frame held for [`HOLD_LAST_CS`] longer).
    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        if let Some(f) = self.pending.as_mut() {
            f.delay = f.delay.saturating_add(HOLD_LAST_CS);
        }
        self.flush()?;
        self.encoder.into_inner().map_err(|e| e.to_string())
    }

    fn flush(&mut self) -> Result<(), String> {
        if let Some(f) = self.pending.take() {
            self.encoder.write_frame(&f).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    /// The nearest palette entry to (r, g, b), looked up by its 5-bit-per-channel bucket.
    fn index_of(&mut self, r: u8, g: u8, b: u8) -> u8 {
        let key = ((r as usize >> 3) << 10) | ((g as usize >> 3) << 5) | (b as usize >> 3);
        let hit = self.lut[key];
        if hit != u16::MAX {
            return hit as u8;
        }
        let i = nearest(&self.palette, [r, g, b]);
        self.lut[key] = i as u16;
        i
    }

    /// The smallest rectangle (left, top, width, height) holding every pixel that differs
    /// from the previous frame; `None` when nothing does or there is no previous frame.
    fn changed(&self, now: &[u8]) -> Option<(u16, u16, u16, u16)> {
        if self.prev.is_empty() {
            return None;
        }
        let w = self.width as usize;
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        for (y, (a, b)) in now
            .chunks_exact(w)
            .zip(self.prev.chunks_exact(w))
            .enumerate()
        {
            if a == b {
                continue;
            }
            let first = a.iter().zip(b).position(|(p, q)| p != q).unwrap_or(0);
            let last = w
                - 1
                - a.iter()
                    .rev()
                    .zip(b.iter().rev())
                    .position(|(p, q)| p != q)
                    .unwrap_or(0);
            x0 = x0.min(first);
            x1 = x1.max(last);
            y0 = y0.min(y);
            y1 = y;
        }
        (x0 != usize::MAX).then(|| {
            (
                x0 as u16,
                y0 as u16,
                (x1 - x0 + 1) as u16,
                (y1 - y0 + 1) as u16,
            )
        })
    }

    /// The frame of rectangle `r` of `now`; with `diff`, pixels as in the previous frame are
    /// transparent.
    fn rect(
        &self,
        now: &[u8],
        (left, top, width, height): (u16, u16, u16, u16),
        diff: bool,
    ) -> Frame<'static> {
        let w = self.width as usize;
        let mut buffer = Vec::with_capacity(width as usize * height as usize);
        for y in top as usize..(top + height) as usize {
            let row = y * w + left as usize..y * w + (left + width) as usize;
            if diff {
                buffer.extend(
                    now[row.clone()]
                        .iter()
                        .zip(&self.prev[row])
                        .map(|(&p, &q)| if p == q { TRANSPARENT } else { p }),
                );
            } else {
                buffer.extend_from_slice(&now[row]);
            }
        }
        Frame {
            left,
            top,
            width,
            height,
            buffer: Cow::Owned(buffer),
            transparent: diff.then_some(TRANSPARENT),
            ..Frame::default()
        }
    }
}

fn side(v: u32) -> Result<u16, String> {
    u16::try_from(v)
        .ok()
        .filter(|&s| s > 0)
        .ok_or_else(|| format!("a GIF's sides are 1 to 65535 pixels, not {v}"))
}

fn check_channels(channels: usize) -> Result<(), String> {
    if channels == 3 || channels == 4 {
        Ok(())
    } else {
        Err(format!(
            "frames have 3 (RGB) or 4 (RGBA) bytes a pixel, not {channels}"
        ))
    }
}

/// The 255 opaque colours: [`FIXED`], then NeuQuant's choice from the samples.
fn choose_palette(samples: &[&[u8]], channels: usize) -> Vec<[u8; 3]> {
    let mut palette: Vec<[u8; 3]> = FIXED.iter().map(|c| [c.0, c.1, c.2]).collect();
    let mut rgba = Vec::new();
    // Every sixth pixel is plenty for NeuQuant and keeps the page's task short (a 640×480
    // pair of frames in about 15 ms of wasm instead of 90 for every pixel).
    for s in samples {
        for px in s.chunks_exact(channels).step_by(6) {
            rgba.extend_from_slice(&[px[0], px[1], px[2], 255]);
        }
    }
    if rgba.is_empty() {
        rgba.extend_from_slice(&[255, 255, 255, 255]);
    }
    // Sample factor 10: NeuQuant's usual speed/quality balance.
    let nq = color_quant::NeuQuant::new(10, LEARNED, &rgba);
    palette.extend(
        nq.color_map_rgb()
            .chunks_exact(3)
            .map(|c| [c[0], c[1], c[2]]),
    );
    palette.truncate(255);
    while palette.len() < 255 {
        palette.push([0, 0, 0]);
    }
    palette
}

/// The index of the palette entry nearest to `c` (squared RGB distance; the first of equals).
fn nearest(palette: &[[u8; 3]], c: [u8; 3]) -> u8 {
    let d = |p: &[u8; 3]| {
        (0..3)
            .map(|i| {
                let e = p[i] as i32 - c[i] as i32;
                e * e
            })
            .sum::<i32>()
    };
    let mut best = (i32::MAX, 0);
    for (i, p) in palette.iter().enumerate() {
        let di = d(p);
        if di < best.0 {
            best = (di, i);
        }
    }
    best.1 as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn solid(w: usize, h: usize, c: [u8; 3]) -> Vec<u8> {
        (0..w * h).flat_map(|_| c).collect()
    }

    #[test]
    fn frames_spread_evenly_with_both_ends() {
        let s = frame_steps(0, 999, 200);
        assert_eq!(s.len(), 200);
        assert_eq!((s[0], s[199]), (0, 999));
        assert!(s.windows(2).all(|w| w[1] > w[0]));
        assert_eq!(frame_steps(5, 2, 200), vec![2, 3, 4, 5]);
    }

    #[test]
    fn delays_are_hundredths() {
        assert_eq!(delay_cs(20), 5);
        assert_eq!(delay_cs(10), 10);
        assert_eq!(delay_cs(50), 2);
        assert_eq!(delay_cs(0), 100);
        assert_eq!(delay_cs(1000), 2);
    }

    #[test]
    fn a_gif_has_its_frames_and_keeps_the_fixed_colours() {
        let (w, h) = (8usize, 6usize);
        let a = solid(w, h, [40, 40, 48]);
        let mut b = a.clone();
        b[3 * (2 * w + 3)..3 * (2 * w + 3) + 3].copy_from_slice(&[255, 80, 48]);
        let mut g = GifWriter::new(w as u32, h as u32, 20, &[&a, &b], 3).unwrap();
        g.add(&a, 3).unwrap();
        g.add(&b, 3).unwrap();
        g.add(&b, 3).unwrap();
        assert_eq!(g.frames(), 3);
        let bytes = g.finish().unwrap();
        assert_eq!(&bytes[..6], b"GIF89a");
        // Decode by hand: the frames' rectangles are the whole, the changed pixel, one pixel.
        let rects = frame_rects(&bytes);
        assert_eq!(rects, vec![(0, 0, 8, 6), (3, 2, 1, 1), (0, 0, 1, 1)]);
        // The global palette holds the current point's red exactly.
        let pal = &bytes[13..13 + 256 * 3];
        assert!(pal.chunks_exact(3).any(|c| c == [255, 80, 48]));
    }

    #[test]
    fn bad_frames_are_errors_not_panics() {
        assert!(GifWriter::new(0, 5, 20, &[], 3).is_err());
        assert!(GifWriter::new(70_000, 5, 20, &[], 3).is_err());
        assert!(GifWriter::new(4, 4, 20, &[&[0u8; 5]], 3).is_err());
        let mut g = GifWriter::new(4, 4, 20, &[], 4).unwrap();
        assert!(g.add(&[0u8; 10], 4).is_err());
        assert!(g.add(&[0u8; 64], 2).is_err());
        assert!(g.add(&[0u8; 64], 4).is_ok());
    }

    /// (left, top, width, height) of each image descriptor of a GIF.
    pub(crate) fn frame_rects(bytes: &[u8]) -> Vec<(u16, u16, u16, u16)> {
        let le = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]);
        let mut i = 13
            + if bytes[10] & 0x80 != 0 {
                3 << ((bytes[10] & 7) + 1)
            } else {
                0
            };
        let mut out = Vec::new();
        while i < bytes.len() {
            match bytes[i] {
                0x21 => {
                    i += 2;
                    while bytes[i] != 0 {
                        i += bytes[i] as usize + 1;
                    }
                    i += 1;
                }
                0x2C => {
                    out.push((le(i + 1), le(i + 3), le(i + 5), le(i + 7)));
                    let flags = bytes[i + 9];
                    i += 10;
                    if flags & 0x80 != 0 {
                        i += 3 << ((flags & 7) + 1);
                    }
                    i += 1; // LZW minimum code size
                    while bytes[i] != 0 {
                        i += bytes[i] as usize + 1;
                    }
                    i += 1;
                }
                _ => break,
            }
        }
        out
    }
}

//! `descent render`: the page's figures drawn into SVG, PNG or animated GIF files by the
//! figure crate (the same drawing code as the page, on plotters' SVG and bitmap backends).

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use ab_glyph::{Font, FontVec, PxScale, ScaleFont};
use descent_figure::anim::{frame_steps, GifWriter, MAX_FRAMES};
use descent_figure::scene::{
    draw_surface_base, draw_surface_paths, render_runs, surface_layout, LabelledRun, View,
};
use descent_figure::surface::LIGHT;
use descent_figure::text::{TextBackend, TextEngine};
use descent_figure::words::CanvasWords;
use plotters::prelude::{BitMapBackend, SVGBackend};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// The largest side of a rendered figure, in pixels.
pub const MAX_SIDE: u32 = 8192;

/// What to render and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// Which figure.
    pub view: View,
    /// Width and height in pixels.
    pub size: (u32, u32),
    /// The step shown; `None` is the last.
    pub step: Option<usize>,
    /// The output file; its extension (.svg, .png or .gif) picks the format.
    pub out: String,
    /// A GIF's steps, first and last (`None`: the whole run).
    pub steps: Option<(usize, usize)>,
    /// A GIF's frames per second.
    pub fps: u32,
}

/// The output format, from the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Scalable vector graphics (text as text, the heatmap as one embedded image).
    Svg,
    /// A PNG bitmap.
    Png,
    /// An animated GIF of the run's steps.
    Gif,
}

impl Format {
    /// The size drawn when no --size is given: a GIF is for slides and chat, so smaller.
    pub fn default_size(self) -> (u32, u32) {
        match self {
            Format::Gif => (640, 480),
            Format::Svg | Format::Png => (800, 600),
        }
    }
}

/// The format a file name asks for, or a message naming the problem.
pub fn format_of(path: &str) -> Result<Format, String> {
    let ext = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("svg") => Ok(Format::Svg),
        Some("png") => Ok(Format::Png),
        Some("gif") => Ok(Format::Gif),
        Some(other) => Err(format!(
            "cannot write '{path}': unknown extension '.{other}'; use .svg, .png or .gif"
        )),
        None => Err(format!(
            "cannot write '{path}': no extension; use .svg, .png or .gif"
        )),
    }
}

/// Parses `WxH`, e.g. `800x600`.
pub fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let bad = || {
        format!(
            "bad --size '{text}': expected WxH with each side from 16 to {MAX_SIDE}, e.g. 800x600"
        )
    };
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let side = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (16..=MAX_SIDE).contains(v))
    };
    Ok((side(w).ok_or_else(bad)?, side(h).ok_or_else(bad)?))
}

/// Parses `A..B` (both whole numbers, either may be left out: `..B`, `A..`), the steps of a GIF.
pub fn parse_steps(text: &str) -> Result<(Option<usize>, Option<usize>), String> {
    let bad = || format!("bad --steps '{text}': expected A..B with whole numbers ≥ 0, e.g. 0..200");
    let (a, b) = text.split_once("..").ok_or_else(bad)?;
    let num = |s: &str| -> Result<Option<usize>, String> {
        let s = s.trim();
        if s.is_empty() {
            Ok(None)
        } else {
            s.parse::<usize>().map(Some).map_err(|_| bad())
        }
    };
    Ok((num(a)?, num(b)?))
}

/// Draws the figure of finished runs (the main run first, then those compared with it) into
/// the requested file.
pub fn render_to_file(runs: &[LabelledRun], req: &Request) -> Result<(), String> {
    if format_of(&req.out)? == Format::Gif {
        let cannot = |e: String| format!("cannot write '{}': {e}", req.out);
        // Fail early, with the path named, when the file cannot be written.
        std::fs::File::create(&req.out).map_err(|e| cannot(e.to_string()))?;
        let bytes = gif_bytes(runs, req)?;
        return std::fs::write(&req.out, bytes).map_err(|e| cannot(e.to_string()));
    }
    let last = last_point(runs);
    let figure = RunFigure {
        runs,
        view: req.view,
        upto: req.step.unwrap_or(last).min(last),
    };
    write_figure(&figure, req.size, &req.out)
}

/// The last point of the longest run: the end of the timeline.
pub fn last_point(runs: &[LabelledRun]) -> usize {
    runs.iter()
        .map(|r| r.run.trajectory().len().saturating_sub(1))
        .max()
        .unwrap_or(0)
}

/// Runs' figure at one point of the timeline, as the page draws it (`scene::render_runs`).
struct RunFigure<'a> {
    runs: &'a [LabelledRun<'a>],
    view: View,
    upto: usize,
}

impl Figure for RunFigure<'_> {
    fn draw<DB: plotters::prelude::DrawingBackend>(
        &self,
        backend: DB,
        (w, h): (u32, u32),
    ) -> Result<(), String> {
        let words = CanvasWords::default();
        render_runs(
            backend,
            self.runs,
            self.view,
            (w, h, 1.0),
            self.upto,
            &words,
            &LIGHT,
        )
    }
}

/// The animated GIF of runs: one frame per point of `req.steps` (at most [`MAX_FRAMES`],
/// spread evenly), each the figure the page draws at that point. The surface view keeps the
/// view of its last frame throughout (no jumps as the path grows) and draws its heatmap once.
pub fn gif_bytes(runs: &[LabelledRun], req: &Request) -> Result<Vec<u8>, String> {
    let main = runs.first().ok_or("there is no run to draw")?.run;
    let last = last_point(runs);
    let (a, b) = req.steps.unwrap_or((0, last));
    let steps = frame_steps(a.min(last), b.min(last), MAX_FRAMES);
    let (w, h) = req.size;
    let font = text_font("GIF");
    let words = CanvasWords::default();
    let blank = vec![255u8; w as usize * h as usize * 3];
    fn backend<'a>(
        buf: &'a mut [u8],
        size: (u32, u32),
        font: &Option<Arc<FontVec>>,
    ) -> TextBackend<BitMapBackend<'a>, FontText> {
        TextBackend {
            inner: BitMapBackend::with_buffer(buf, size),
            text: FontText { font: font.clone() },
        }
    }
    let end = *steps.last().unwrap_or(&last);
    let main_last = main.trajectory().len().saturating_sub(1);
    let layout = surface_layout(main, end.min(main_last), (w, h, 1.0));
    let base = match req.view {
        View::Surface => {
            let mut base = blank.clone();
            let mut b = backend(&mut base, (w, h), &font);
            draw_surface_base(&mut b, main, &layout, &LIGHT)?;
            b.present().map_err(|e| e.to_string())?;
            drop(b);
            Some(base)
        }
        _ => None,
    };
    let frame = |k: usize| -> Result<Vec<u8>, String> {
        let mut buf = base.clone().unwrap_or_else(|| blank.clone());
        {
            let mut b = backend(&mut buf, (w, h), &font);
            if base.is_some() {
                draw_surface_paths(&mut b, runs, &layout, k, &words, &LIGHT)?;
                b.present().map_err(|e| e.to_string())?;
            } else {
                render_runs(b, runs, req.view, (w, h, 1.0), k, &words, &LIGHT)?;
            }
        }
        Ok(buf)
    };
    let first = frame(steps[0])?;
    let final_frame = frame(end)?;
    let mut gif = GifWriter::new(w, h, req.fps, &[&first, &final_frame], 3)?;
    gif.add(&first, 3)?;
    for &k in steps.get(1..steps.len().saturating_sub(1)).unwrap_or(&[]) {
        gif.add(&frame(k)?, 3)?;
    }
    if steps.len() > 1 {
        gif.add(&final_frame, 3)?;
    }
    gif.finish()
}

/// A figure that draws itself on any backend (the map's, in `map.rs`).
pub trait Figure {
    /// Draws on `backend` of `size` device pixels at dpr 1.
    fn draw<DB: plotters::prelude::DrawingBackend>(
        &self,
        backend: DB,
        size: (u32, u32),
    ) -> Result<(), String>;
}

/// Writes a [`Figure`] to `out` as SVG or PNG, with the PNG's text in the system font.
pub fn write_figure(figure: &impl Figure, size: (u32, u32), out: &str) -> Result<(), String> {
    let cannot = |e: String| format!("cannot write '{out}': {e}");
    match format_of(out)? {
        Format::Svg => {
            let mut text = String::new();
            figure.draw(SVGBackend::with_string(&mut text, size), size)?;
            std::fs::write(out, text).map_err(|e| cannot(e.to_string()))
        }
        Format::Png => {
            // Fail early, with the path named, when the file cannot be written.
            std::fs::File::create(out).map_err(|e| cannot(e.to_string()))?;
            let backend = TextBackend {
                inner: BitMapBackend::new(out, size),
                text: FontText {
                    font: text_font("PNG"),
                },
            };
            figure.draw(backend, size).map_err(cannot)
        }
        Format::Gif => Err(cannot(
            "this figure is one picture; write it as .svg or .png".into(),
        )),
    }
}

/// The font of a bitmap's text; without one the `what` (PNG, GIF) has no text, which is said.
fn text_font(what: &str) -> Option<Arc<FontVec>> {
    let font = system_font().map(Arc::new);
    if font.is_none() {
        eprintln!("descent: no sans-serif font found (fc-match); the {what} has no text");
    }
    font
}

/// The file of the system's default sans-serif font, as fontconfig names it.
fn system_font() -> Option<FontVec> {
    let out = Command::new("fc-match")
        .args(["-f", "%{file}", "sans-serif"])
        .output()
        .ok()?;
    let path = String::from_utf8(out.stdout).ok()?;
    let bytes = std::fs::read(path.trim()).ok()?;
    FontVec::try_from_vec(bytes).ok()
}

/// Text drawn with a real font on the bitmap (plotters without its font features only
/// estimates text sizes and draws none); `None` draws no text.
struct FontText {
    font: Option<Arc<FontVec>>,
}

type Res<E> = Result<(), DrawingErrorKind<E>>;

impl FontText {
    /// The scale at which the font's em is `size` pixels, as CSS and plotters size fonts.
    fn scale(font: &FontVec, size: f64) -> PxScale {
        let em = font.units_per_em().unwrap_or(1000.0);
        PxScale::from((size as f32) * font.height_unscaled() / em)
    }

    /// Width and height of a line of text.
    fn text_size(font: &FontVec, scale: PxScale, text: &str) -> (f32, f32) {
        let f = font.as_scaled(scale);
        let mut w = 0.0;
        let mut prev = None;
        for c in text.chars() {
            let id = f.glyph_id(c);
            if let Some(p) = prev {
                w += f.kern(p, id);
            }
            w += f.h_advance(id);
            prev = Some(id);
        }
        (w, f.ascent() - f.descent())
    }
}

impl<'a> TextEngine<BitMapBackend<'a>> for FontText {
    fn measure<S: BackendTextStyle>(
        &self,
        inner: &BitMapBackend<'a>,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<<BitMapBackend<'a> as DrawingBackend>::ErrorType>>
    {
        match &self.font {
            Some(font) => {
                let (w, h) = Self::text_size(font, Self::scale(font, style.size()), text);
                Ok((w.ceil() as u32, h.ceil() as u32))
            }
            None => inner.estimate_text_size(text, style),
        }
    }

    fn draw<S: BackendTextStyle>(
        &self,
        inner: &mut BitMapBackend<'a>,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Res<<BitMapBackend<'a> as DrawingBackend>::ErrorType> {
        let Some(font) = &self.font else {
            return Ok(());
        };
        let scale = Self::scale(font, style.size());
        let (w, h) = Self::text_size(font, scale, text);
        let anchor = style.anchor();
        let dx = match anchor.h_pos {
            HPos::Left => 0.0,
            HPos::Center => -w / 2.0,
            HPos::Right => -w,
        };
        let dy = match anchor.v_pos {
            VPos::Top => 0.0,
            VPos::Center => -h / 2.0,
            VPos::Bottom => -h,
        };
        let color = style.color();
        let transform = style.transform();
        let f = font.as_scaled(scale);
        let mut caret = 0.0f32;
        let mut prev = None;
        let mut pixels: Vec<(i32, i32, f32)> = Vec::new();
        for c in text.chars() {
            let id = f.glyph_id(c);
            if let Some(p) = prev {
                caret += f.kern(p, id);
            }
            let glyph = id.with_scale_and_position(scale, ab_glyph::point(caret, f.ascent()));
            caret += f.h_advance(id);
            prev = Some(id);
            if let Some(outline) = font.outline_glyph(glyph) {
                let b = outline.px_bounds();
                outline.draw(|x, y, cov| {
                    pixels.push((
                        (b.min.x + x as f32 + dx).round() as i32,
                        (b.min.y + y as f32 + dy).round() as i32,
                        cov,
                    ))
                });
            }
        }
        for (x, y, cov) in pixels {
            if cov <= 0.0 {
                continue;
            }
            let (tx, ty) = transform.transform(x, y);
            inner.draw_pixel(
                (pos.0 + tx, pos.1 + ty),
                BackendColor {
                    alpha: color.alpha * cov.min(1.0) as f64,
                    rgb: color.rgb,
                },
            )?;
        }
        Ok(())
    }
}

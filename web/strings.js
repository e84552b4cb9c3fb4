// The main page's words in English and 简体中文: the static HTML (data-i18n keys), the
// controls built from the catalog, playback, the read-out, sharing and the problems banner.
// Chinese terms follow the course texts (学习率, 梯度下降, 小批量梯度下降, 特征缩放, 收敛…).
// Pure data plus the formatters that word the core's problems and statuses from their codes,
// so node can import it to check the tables.

import { register, t, has, lang } from './i18n.js';

register({
  en: {
    'page.title': 'Descent — a gradient-descent playground',
    'header.tagline': 'Watch gradient descent walk a loss surface.',
    'header.copy': 'Copy link',
    'header.copy.tip': 'Copy a link to exactly this run to the clipboard',
    'header.embed': 'Embed',
    'header.embed.tip': 'Get a snippet (an iframe, or the embed.js element) that embeds this run in another page',
    'present.enter': 'Present',
    'present.enter.tip': 'Presenter mode for a projector: large type, thick lines, the settings hidden (kept in the link as present=1). Keys: → step, Space play, R reset, F full screen, Esc leave',
    'present.exit': 'Exit presenter (Esc)',
    'present.exit.tip': 'Leave presenter mode and show the settings again',
    'header.open': 'Open in Descent ↗',
    'header.lessons': 'Lessons',
    'header.lessons.tip': 'A gallery of presets, one for each lesson of the course',
    'header.lang': 'Language',
    'header.lang.tip': 'The language of the page (kept in the link as lang=)',
    'share.copied': 'Copied',
    'share.select': 'Select the link below and copy it',
    'share.ctrlc': 'Press Ctrl+C to copy',
    'share.iframe': 'Descent: gradient descent playground',
    'fallback.label': 'Link (press Ctrl+C to copy)',
    'fallback.tip': 'The link to this run; select it and copy it',
    'error.prefix': 'Something went wrong: {text}',
    'problems.errors': 'Some settings could not be used',
    'problems.notes': 'Notes on the settings',
    'problems.note': 'The defaults were used instead.',
    'problems.dismiss': 'Dismiss',
    'problems.dismiss.tip': 'Hide this message',
    'problems.dismiss.aria': 'Dismiss the settings problems',
    'figure.aria': 'Loss surface, trajectory and loss chart',
    'surface.aria': 'The loss surface as a heatmap with contours',
    'overlay.tip': 'Click or drag to set the start point',
    'overlay.aria': "The optimizer's path. Click or drag to set the start point.",
    'playback.aria': 'Playback',
    'playback.step': 'Step',
    'playback.step.tip': 'Take one step (→)',
    'playback.play': 'Play',
    'playback.pause': 'Pause',
    'playback.play.tip': 'Play or pause (Space)',
    'playback.reset': 'Reset',
    'playback.reset.tip': 'Back to the start (R)',
    'playback.speed': 'Speed',
    'playback.perframe': '/frame',
    'playback.speed.tip': 'Steps per animation frame, 1 to 1000 (logarithmic)',
    'playback.speed.aria': 'Speed in steps per frame',
    'playback.speed.value': '{n} steps per frame',
    'playback.timeline': 'Step',
    'playback.timeline.tip': 'Scrub back and forth through the computed steps (← and → also move it)',
    'playback.timeline.aria': 'Timeline: the step shown',
    'playback.timeline.value': 'step {k} of {n}',
    'readout.aria': 'Read-out',
    'readout.step': 'step',
    'readout.theta': 'θ {axis}',
    'readout.loss': 'loss',
    'readout.gnorm': '‖g‖',
    'readout.lr': 'lr',
    'readout.notfinite': 'not finite',
    'readout.announce': 'Step {step}, loss {loss}',
    'readout.diverging': 'Diverging: this run blows up at step {step}.',
    'readout.curv2': 'curvature λ₁, λ₂',
    'readout.curv1': 'curvature λ',
    'readout.shape': 'shape',
    'shape.bowl': 'bowl',
    'shape.saddle': 'saddle',
    'shape.valley': 'valley (flat along one direction)',
    'shape.ridge': 'ridge (flat along one direction)',
    'shape.peak': 'peak (curves down every way)',
    'shape.flat': 'flat',
    'shape.undefined': 'not finite',
    'band.below.in': 'Stable here for lr < {bound} (green); lr = {lr} is inside.',
    'band.below.out': 'Stable here for lr < {bound} (green); lr = {lr} is above it.',
    'band.unbounded': 'No upper bound at this step: λ₁ ≤ 0, so nothing curves up here and no step size overshoots.',
    'band.never': 'No stable lr: heavy ball with μ = 1 never loses its momentum.',
    'band.unknown': 'No band: the curvature at this step is not finite.',
    'band.adaptive': 'No band: an adaptive optimizer divides the step by its own running gradient sizes, so λ₁ sets no bound on lr alone.',
    'band.sign': 'No band: Rprop steps by the gradient\'s sign with step sizes it adapts itself; lr is only the first step size.',
    'band.newton': 'No band: Newton divides by the curvature itself, so on a bowl every lr in (0, 2) converges whatever λ₁ is.',
    'view.quad': 'quadratic model',
    'view.quad.title': 'Draw the level curve through θ of the quadratic that matches the loss there (its gradient and Hessian): an ellipse at a bowl, a hyperbola at a saddle',
    'status.loading': 'Loading…',
    'status.computing': 'Computing… step {step}',
    'status.running': 'Running.',
    'status.converged': 'Converged at step {step}: the gradient norm fell below tol.',
    'status.target_reached': 'Target reached at step {step}: the loss is below the target.',
    'status.max_steps': 'Stopped after the maximum of {step} steps.',
    'status.diverged': 'Diverged at step {step}: {what}. Try a smaller learning rate.',
    'status.step.start': 'Step 0 of {n}: the start. Press Step or Play to descend.',
    'status.step.falling': 'Step {step} of {n}: the loss is falling.',
    'status.step.rising': 'Step {step} of {n}: the loss is rising.',
    'status.step.level': 'Step {step} of {n}: the loss is unchanged.',
    'status.step.notfinite': 'Step {step} of {n}: the loss is not finite.',
    'status.step.total': '{n}',
    'status.step.max': 'at most {n}',
    'chart.aria': 'Loss against step',
    'chart.logy': 'log loss axis',
    'chart.logy.tip': 'Plot the loss on a logarithmic axis',
    'chart.logy.aria': 'Logarithmic loss axis',
    'chart.logy.off': 'Not available: this run\'s loss goes to 0 or below, and a logarithmic axis shows only positive values. The axis is linear.',
    'chart.logc': 'log colour scale',
    'chart.logc.tip': 'Colour the surface by the logarithm of the loss',
    'chart.logc.aria': 'Logarithmic colour scale',
    'panel.aria': 'Settings',
    'embed.title': 'Embed this run',
    'embed.intro': 'Paste this into a page.',
    'embed.controls': 'Controls to show',
    'embed.snippet': 'Snippet',
    'embed.snippet.tip': 'The snippet to paste into your page',
    'embed.copy': 'Copy snippet',
    'embed.copy.tip': 'Copy the snippet to the clipboard',
    'embed.close': 'Close',
    'embed.close.tip': 'Close this dialog',
    // Problem frames; the detail after the colon comes from the codec.
    'problem.error': '{key}={value}: {detail}; the default was used',
    'problem.warning': '{key}={value}: {detail}',
    // A rejected value typed into a field: it stays there, and the run keeps its last value.
    'field.invalid': '{key} = {value}: {detail}. {keeps}',
    'field.keeps': 'The run keeps {key} = {kept}.',
    'field.keeps.unset': 'The run keeps {key} unset.',
  },
  zh: {
    'page.title': 'Descent — 梯度下降交互演示',
    'header.tagline': '看梯度下降如何在损失函数曲面上一步步走向最低点。',
    'header.copy': '复制链接',
    'header.copy.tip': '把指向这次运行的链接复制到剪贴板',
    'header.embed': '嵌入',
    'header.embed.tip': '获取一段代码（iframe 或 embed.js 的元素），把这次运行嵌入到其他网页',
    'present.enter': '演示',
    'present.enter.tip': '投影演示模式：大字、粗线，隐藏设置面板（链接中记为 present=1）。按键：→ 单步，空格 播放，R 重置，F 全屏，Esc 退出',
    'present.exit': '退出演示（Esc）',
    'present.exit.tip': '退出演示模式，重新显示设置',
    'header.open': '在 Descent 中打开 ↗',
    'header.lessons': '课程示例',
    'header.lessons.tip': '预设示例集：课程中的每一课对应一个示例',
    'header.lang': '语言',
    'header.lang.tip': '页面语言（以 lang= 保存在链接中）',
    'share.copied': '已复制',
    'share.select': '请选中下面的链接并复制',
    'share.ctrlc': '按 Ctrl+C 复制',
    'share.iframe': 'Descent：梯度下降交互演示',
    'fallback.label': '链接（按 Ctrl+C 复制）',
    'fallback.tip': '这次运行的链接；选中后复制',
    'error.prefix': '出错了：{text}',
    'problems.errors': '链接中有些设置无法使用',
    'problems.notes': '关于设置的提示',
    'problems.note': '已改用默认值。',
    'problems.dismiss': '关闭',
    'problems.dismiss.tip': '隐藏这条消息',
    'problems.dismiss.aria': '关闭设置问题提示',
    'figure.aria': '损失函数曲面、迭代轨迹和损失曲线',
    'surface.aria': '用热力图和等高线表示的损失函数曲面',
    'overlay.tip': '点击或拖动来设置起点',
    'overlay.aria': '优化器的轨迹。点击或拖动来设置起点。',
    'playback.aria': '播放控制',
    'playback.step': '单步',
    'playback.step.tip': '迭代一步（→）',
    'playback.play': '播放',
    'playback.pause': '暂停',
    'playback.play.tip': '播放或暂停（空格键）',
    'playback.reset': '重置',
    'playback.reset.tip': '回到起点（R）',
    'playback.speed': '速度',
    'playback.perframe': '步/帧',
    'playback.speed.tip': '每个动画帧迭代的步数，1 到 1000（对数刻度）',
    'playback.speed.aria': '速度：每帧的步数',
    'playback.speed.value': '每帧 {n} 步',
    'playback.timeline': '步数',
    'playback.timeline.tip': '前后拖动查看已计算的每一步（← 和 → 也可以移动）',
    'playback.timeline.aria': '时间轴：显示的步数',
    'playback.timeline.value': '第 {k} 步，共 {n} 步',
    'readout.aria': '读数',
    'readout.step': '步数',
    'readout.theta': 'θ {axis}',
    'readout.loss': '损失',
    'readout.gnorm': '‖g‖',
    'readout.lr': '学习率',
    'readout.notfinite': '非有限值',
    'readout.announce': '第 {step} 步，损失 {loss}',
    'readout.diverging': '正在发散：这次运行在第 {step} 步失控。',
    'readout.curv2': '曲率 λ₁, λ₂',
    'readout.curv1': '曲率 λ',
    'readout.shape': '形状',
    'shape.bowl': '碗形',
    'shape.saddle': '鞍形',
    'shape.valley': '山谷（沿一个方向平坦）',
    'shape.ridge': '山脊（沿一个方向平坦）',
    'shape.peak': '山顶（各方向都向下弯）',
    'shape.flat': '平坦',
    'shape.undefined': '非有限值',
    'band.below.in': '此处 lr < {bound} 时稳定（绿）；lr = {lr} 在范围内。',
    'band.below.out': '此处 lr < {bound} 时稳定（绿）；lr = {lr} 超出范围。',
    'band.unbounded': '本步没有上界：λ₁ ≤ 0，这里没有向上弯的方向，步长不会越过谷底。',
    'band.never': '没有稳定的学习率：μ = 1 的重球动量永远不会衰减。',
    'band.unknown': '没有稳定范围：本步的曲率不是有限值。',
    'band.adaptive': '没有稳定范围：自适应优化器用自己累计的梯度大小去除步长，λ₁ 不能单独给出 lr 的上界。',
    'band.sign': '没有稳定范围：Rprop 按梯度的符号前进，步长由它自己调整；lr 只是第一步的步长。',
    'band.newton': '没有稳定范围：牛顿法本身就除以曲率，在碗形上 (0, 2) 内的任何 lr 都收敛，与 λ₁ 无关。',
    'view.quad': '二次模型',
    'view.quad.title': '画出在 θ 处与损失吻合的二次函数（同样的梯度和 Hessian）经过 θ 的等高线：碗形处是椭圆，鞍点处是双曲线',
    'status.loading': '加载中…',
    'status.computing': '计算中… 第 {step} 步',
    'status.running': '运行中。',
    'status.converged': '在第 {step} 步收敛：梯度范数已低于容差。',
    'status.target_reached': '在第 {step} 步达到目标：损失已低于目标值。',
    'status.max_steps': '已达到最大迭代次数 {step}，停止。',
    'status.diverged': '在第 {step} 步发散：{what}。请尝试更小的学习率。',
    'status.step.start': '第 0 步（{n}）：起点。按“单步”或“播放”开始下降。',
    'status.step.falling': '第 {step} 步（{n}）：损失正在下降。',
    'status.step.rising': '第 {step} 步（{n}）：损失正在上升。',
    'status.step.level': '第 {step} 步（{n}）：损失没有变化。',
    'status.step.notfinite': '第 {step} 步（{n}）：损失不是有限值。',
    'status.step.total': '共 {n} 步',
    'status.step.max': '最多 {n} 步',
    'chart.aria': '损失随迭代步数的变化',
    'chart.logy': '对数损失轴',
    'chart.logy.tip': '用对数坐标绘制损失',
    'chart.logy.aria': '对数损失轴',
    'chart.logy.off': '不可用：本次运行的损失降到 0 或以下，而对数坐标只能显示正值。现为线性坐标。',
    'chart.logc': '对数配色',
    'chart.logc.tip': '按损失的对数为曲面着色',
    'chart.logc.aria': '对数配色',
    'panel.aria': '设置',
    'embed.title': '嵌入这次运行',
    'embed.intro': '把这段代码粘贴到网页中。',
    'embed.controls': '要显示的控件',
    'embed.snippet': '代码',
    'embed.snippet.tip': '要粘贴到你的网页中的代码',
    'embed.copy': '复制代码',
    'embed.copy.tip': '把代码复制到剪贴板',
    'embed.close': '关闭',
    'embed.close.tip': '关闭此对话框',
    'problem.error': '{key}={value}：{detail}；已改用默认值',
    'problem.warning': '{key}={value}：{detail}',
    'field.invalid': '{key} = {value}：{detail}。{keeps}',
    'field.keeps': '运行仍使用 {key} = {kept}。',
    'field.keeps.unset': '运行仍不设 {key}。',
  },
});

// The settings panel: groups, labels, tooltips and the names of every catalog choice.
register({
  en: {
    'group.landscape': 'Landscape',
    'group.data': 'Data and noise',
    'group.optimizer': 'Optimizer',
    'group.schedule': 'Schedule',
    'group.start': 'Start',
    'group.stopping': 'Stopping',
    'lgroup.2d': '2-D functions',
    'lgroup.1d': '1-D functions',
    'lgroup.data': 'Data models',
    'lgroup.custom': 'Custom formula',
    'allowed': '{tip} Allowed: {allowed}.',
    'c.f': 'Landscape', 'c.f.tip': 'The loss surface the optimizer descends.',
    'c.expr': 'Formula f(x, y)', 'c.expr.tip': 'Your own loss in x and y, e.g. x^2 + 3*y^2. Errors show as you type.',
    'c.data': 'Dataset', 'c.data.tip': 'The generated data the model is fitted to.',
    'c.n': 'Samples n', 'c.n.tip': 'How many samples to generate.',
    'c.noise': 'Data noise σ', 'c.noise.tip': 'The noise in the generated data.',
    'c.pts.button': 'Points: {n} · paste or upload…',
    'c.pts': 'Points', 'c.pts.tip': 'Your own data: x,y;x,y;… (x1,x2,y;… for linreg2; logreg labels 0 or 1). Paste, open a file or draw them.',
    'c.scale': 'Feature scaling', 'c.scale.tip': 'Standardise the features to mean 0, variance 1.',
    'c.batch': 'Batch mode', 'c.batch.tip': "Which samples each step's gradient uses.",
    'c.bs': 'Batch size', 'c.bs.tip': 'Samples per mini-batch.',
    'c.gnoise': 'Gradient noise σ', 'c.gnoise.tip': 'Gaussian noise added to each gradient component, to imitate stochastic gradients.',
    'c.opt': 'Optimizer', 'c.opt.tip': 'The update rule.',
    'c.lr': 'Learning rate', 'c.lr.tip': 'The base step size (logarithmic slider, 1e-5 to 10).',
    'c.lr.slider': 'Learning rate (logarithmic slider)',
    'c.mom': 'Momentum', 'c.mom.tip': 'The momentum factor.',
    'c.rho': 'Decay ρ', 'c.rho.tip': 'The decay of the squared-gradient average.',
    'c.b1': 'β₁', 'c.b1.tip': 'Decay of the first-moment average.',
    'c.b2': 'β₂', 'c.b2.tip': 'Decay of the second-moment average.',
    'c.eps': 'ε', 'c.eps.tip': 'Added to denominators for stability.',
    'c.wd': 'Weight decay', 'c.wd.tip': 'Decoupled weight decay (AdamW).',
    'c.etaminus': 'η⁻', 'c.etaminus.tip': 'Rprop: the factor that shrinks a step size when its gradient changes sign.',
    'c.etaplus': 'η⁺', 'c.etaplus.tip': 'Rprop: the factor that grows a step size while its gradient keeps its sign.',
    'c.stepmin': 'Smallest step', 'c.stepmin.tip': 'Rprop: the smallest step size.',
    'c.stepmax': 'Largest step', 'c.stepmax.tip': 'Rprop: the largest step size.',
    'c.sched': 'Schedule', 'c.sched.tip': 'How the learning rate changes with the step.',
    'c.gamma': 'γ', 'c.gamma.tip': 'The decay factor.',
    'c.every': 'Every', 'c.every.tip': 'Steps between decays.',
    'c.tmax': 'T max', 'c.tmax.tip': 'The half period of the cosine.',
    'c.lrmin': 'lr min', 'c.lrmin.tip': "The cosine's lowest learning rate.",
    'c.x0': 'Start {axis}', 'c.x0.tip': "The start's {axis}. You can also click or drag on the surface.",
    'c.y0': 'Start {axis}', 'c.y0.tip': "The start's {axis}. You can also click or drag on the surface.",
    'c.random': 'Random start', 'c.random.tip': 'Start from a random point in view.',
    'c.seed': 'Seed', 'c.seed.tip': 'Seeds every random draw: data, batches and gradient noise.',
    'c.steps': 'Max steps', 'c.steps.tip': 'The most steps a run takes.',
    'c.tol': 'Tolerance', 'c.tol.tip': 'Stop when ‖g‖ is below this (0 turns it off).',
    'c.target': 'Target loss', 'c.target.tip': 'Stop when the loss is below this; leave empty for none.',
    'c.target.off': 'off',
    // The keys of the view and the comparisons, for messages and host pages (their controls
    // live in the figure, the header and the comparisons panel).
    'c.color': 'Colour scale', 'c.logy': 'Log loss axis', 'c.view': 'Surface view', 'c.yaw': 'Camera yaw',
    'c.pitch': 'Camera pitch', 'c.zoom': 'Camera zoom', 'c.resid': 'Residuals', 'c.maths': 'Step-by-step maths', 'c.quad': 'Quadratic model',
    'c.at': 'Step shown', 'c.lang': 'Language', 'c.race': 'Optimizer race', 'c.lrs': 'Other learning rates',
    'c.sweep': 'Learning-rate sweep', 'c.sweepy': 'What the sweep plots',
    'c.map': 'Map of runs', 'c.mapy': 'What colours the map',
    'c.cloud': 'Gradient cloud', 'c.cloud.tip': 'Draw at the shown point every batch gradient of this epoch (or, with gradient noise, draws of the noisy gradient), their mean and their 1-σ ellipse',
    'cloud.mean': '‖mean g‖', 'cloud.trace': 'tr Σ', 'cloud.cos': 'cos(g, ∇L)',
    'cloud.mean.tip': 'Length of the mean gradient (over a full epoch of equal batches, the full-batch gradient)',
    'cloud.trace.tip': 'Trace of the gradients’ covariance: the mean squared distance of a gradient from the mean',
    'cloud.cos.tip': 'Cosine between this step’s gradient and the full-batch gradient (1: same direction)',
    'cloud.batches': '{count} batch gradients of epoch {epoch}',
    'cloud.decimated': '{shown} of {count} batch gradients of epoch {epoch} drawn; mean and ellipse use all',
    'cloud.noise': '{count} draws of ∇f + σ·z; mean and ellipse exact',
    'scale.none': 'None', 'scale.standard': 'Standardise',
    'batch.full': 'Full batch', 'batch.sgd': 'Stochastic (one sample)', 'batch.mini': 'Mini-batch',
    'land.quadratic': 'Quadratic bowl', 'land.ellipse': 'Elongated bowl', 'land.rosenbrock': 'Rosenbrock',
    'land.himmelblau': 'Himmelblau', 'land.beale': 'Beale', 'land.booth': 'Booth', 'land.rastrigin': 'Rastrigin',
    'land.saddle': 'Saddle', 'land.six_hump_camel': 'Six-hump camel', 'land.parabola1d': 'Parabola (1-D)',
    'land.double_well1d': 'Double well (1-D)', 'land.wavy1d': 'Wavy bowl (1-D)',
    'land.linreg': 'Linear regression (linreg)', 'land.logreg': 'Logistic regression (logreg)',
    'land.linreg2': 'Two-feature regression (linreg2)', 'land.custom': 'Custom formula',
    'opt.gd': 'Gradient descent (gd)', 'opt.momentum': 'Momentum', 'opt.nesterov': 'Nesterov momentum',
    'opt.adagrad': 'AdaGrad', 'opt.rmsprop': 'RMSProp', 'opt.adadelta': 'AdaDelta', 'opt.adam': 'Adam',
    'opt.adamw': 'AdamW', 'opt.amsgrad': 'AMSGrad', 'opt.nadam': 'NAdam',
    'opt.adamax': 'Adamax', 'opt.radam': 'RAdam (rectified Adam)', 'opt.rprop': 'Rprop (resilient)', 'opt.newton': "Newton's method",
    'sched.const': 'Constant', 'sched.invsqrt': 'Adaptive lr/√(t+1)', 'sched.exp': 'Exponential decay',
    'sched.step': 'Step decay', 'sched.cosine': 'Cosine annealing',
    'data.seed': 'Worked example (3 points)', 'data.line': 'Noisy line y = 2x + 1',
    'data.blobs': 'Two classes (0/1)', 'data.scales': 'Two features on different scales',
    'data.custom': 'Your own points',
  },
  zh: {
    'group.landscape': '损失曲面',
    'group.data': '数据与噪声',
    'group.optimizer': '优化器',
    'group.schedule': '学习率调度',
    'group.start': '起点',
    'group.stopping': '停止条件',
    'lgroup.2d': '二元函数',
    'lgroup.1d': '一元函数',
    'lgroup.data': '数据模型',
    'lgroup.custom': '自定义公式',
    'allowed': '{tip}允许：{allowed}。',
    'c.f': '损失曲面', 'c.f.tip': '优化器要下降的损失函数曲面。',
    'c.expr': '公式 f(x, y)', 'c.expr.tip': '自定义关于 x 和 y 的损失函数，例如 x^2 + 3*y^2。输入时即时显示错误。',
    'c.data': '数据集', 'c.data.tip': '模型要拟合的生成数据。',
    'c.n': '样本数 n', 'c.n.tip': '生成多少个样本。',
    'c.noise': '数据噪声 σ', 'c.noise.tip': '生成数据中的噪声大小。',
    'c.pts.button': '数据点：{n} 个 · 粘贴或上传…',
    'c.pts': '数据点', 'c.pts.tip': '你自己的数据：x,y;x,y;…（linreg2 为 x1,x2,y;…；logreg 的标签为 0 或 1）。可以粘贴、打开文件或直接画出来。',
    'c.scale': '特征缩放', 'c.scale.tip': '把特征标准化为均值 0、方差 1。',
    'c.batch': '批量方式', 'c.batch.tip': '每一步计算梯度时使用哪些样本：全部样本（批量）、一个随机样本（随机）或一小批随机样本（小批量）。',
    'c.bs': '批量大小', 'c.bs.tip': '每个小批量中的样本数。',
    'c.gnoise': '梯度噪声 σ', 'c.gnoise.tip': '给梯度的每个分量加上高斯噪声，用来模拟随机梯度。',
    'c.opt': '优化器', 'c.opt.tip': '参数的更新规则。',
    'c.lr': '学习率', 'c.lr.tip': '基础步长（对数滑块，1e-5 到 10）。',
    'c.lr.slider': '学习率（对数滑块）',
    'c.mom': '动量', 'c.mom.tip': '动量系数。',
    'c.rho': '衰减率 ρ', 'c.rho.tip': '梯度平方的滑动平均的衰减率。',
    'c.b1': 'β₁', 'c.b1.tip': '一阶矩滑动平均的衰减率。',
    'c.b2': 'β₂', 'c.b2.tip': '二阶矩滑动平均的衰减率。',
    'c.eps': 'ε', 'c.eps.tip': '加在分母上，保持数值稳定。',
    'c.wd': '权重衰减', 'c.wd.tip': '解耦的权重衰减（AdamW）。',
    'c.etaminus': 'η⁻', 'c.etaminus.tip': 'Rprop：梯度变号时缩小步长的因子。',
    'c.etaplus': 'η⁺', 'c.etaplus.tip': 'Rprop：梯度符号不变时放大步长的因子。',
    'c.stepmin': '最小步长', 'c.stepmin.tip': 'Rprop：步长的下限。',
    'c.stepmax': '最大步长', 'c.stepmax.tip': 'Rprop：步长的上限。',
    'c.sched': '学习率调度', 'c.sched.tip': '学习率如何随迭代步数变化。',
    'c.gamma': 'γ', 'c.gamma.tip': '衰减因子。',
    'c.every': '间隔', 'c.every.tip': '两次衰减之间的步数。',
    'c.tmax': '余弦半周期', 'c.tmax.tip': '余弦退火的半周期（步数，即 T_max）。',
    'c.lrmin': '最小学习率', 'c.lrmin.tip': '余弦退火的最低学习率。',
    'c.x0': '起点 {axis}', 'c.x0.tip': '起点的 {axis} 坐标。也可以在曲面上点击或拖动。',
    'c.y0': '起点 {axis}', 'c.y0.tip': '起点的 {axis} 坐标。也可以在曲面上点击或拖动。',
    'c.random': '随机起点', 'c.random.tip': '从视野内的一个随机点出发。',
    'c.seed': '随机种子', 'c.seed.tip': '所有随机抽取（数据、批次、梯度噪声）使用的种子。',
    'c.steps': '最大迭代次数', 'c.steps.tip': '一次运行最多迭代的步数。',
    'c.tol': '容差', 'c.tol.tip': '当 ‖g‖ 低于此值时停止（0 表示关闭）。',
    'c.target': '目标损失', 'c.target.tip': '当损失低于此值（阈值）时停止；留空表示不设。',
    'c.target.off': '关闭',
    'c.color': '颜色刻度', 'c.logy': '对数损失轴', 'c.view': '曲面视图', 'c.yaw': '视角方位角',
    'c.pitch': '视角俯仰角', 'c.zoom': '视角缩放', 'c.resid': '残差', 'c.maths': '逐步计算', 'c.quad': '二次模型',
    'c.at': '显示的步数', 'c.lang': '语言', 'c.race': '优化器竞赛', 'c.lrs': '其他学习率',
    'c.sweep': '学习率扫描', 'c.sweepy': '扫描的纵轴',
    'c.map': '运行地图', 'c.mapy': '地图的着色',
    'c.cloud': '梯度云', 'c.cloud.tip': '在当前点画出本轮（epoch）每个批次的梯度（有梯度噪声时为带噪声梯度的抽样）、它们的均值和 1σ 椭圆',
    'cloud.mean': '‖均值 g‖', 'cloud.trace': '协方差的迹', 'cloud.cos': '与全梯度的余弦',
    'cloud.mean.tip': '梯度均值的长度（整轮批次大小相同时即全批量梯度）',
    'cloud.trace.tip': '梯度协方差的迹：梯度偏离均值的平方距离的平均',
    'cloud.cos.tip': '本步梯度与全批量梯度夹角的余弦（1 表示方向相同）',
    'cloud.batches': '第 {epoch} 轮的 {count} 个批次梯度',
    'cloud.decimated': '画出第 {epoch} 轮 {count} 个批次梯度中的 {shown} 个；均值和椭圆用全部批次',
    'cloud.noise': '∇f + σ·z 的 {count} 次抽样；均值和椭圆为精确值',
    'scale.none': '不缩放', 'scale.standard': '标准化',
    'batch.full': '批量梯度下降', 'batch.sgd': '随机梯度下降', 'batch.mini': '小批量梯度下降',
    'land.quadratic': '二次碗形', 'land.ellipse': '狭长碗形', 'land.rosenbrock': 'Rosenbrock 函数',
    'land.himmelblau': 'Himmelblau 函数', 'land.beale': 'Beale 函数', 'land.booth': 'Booth 函数', 'land.rastrigin': 'Rastrigin 函数',
    'land.saddle': '鞍点', 'land.six_hump_camel': '六峰驼背函数', 'land.parabola1d': '抛物线（一元）',
    'land.double_well1d': '双谷函数（一元）', 'land.wavy1d': '波浪碗形（一元）',
    'land.linreg': '线性回归（linreg）', 'land.logreg': '逻辑回归（logreg）',
    'land.linreg2': '双特征回归（linreg2）', 'land.custom': '自定义公式',
    'opt.gd': '梯度下降（gd）', 'opt.momentum': '动量法', 'opt.nesterov': 'Nesterov 动量法',
    'opt.adagrad': 'AdaGrad', 'opt.rmsprop': 'RMSProp', 'opt.adadelta': 'AdaDelta', 'opt.adam': 'Adam',
    'opt.adamw': 'AdamW', 'opt.amsgrad': 'AMSGrad', 'opt.nadam': 'NAdam',
    'opt.adamax': 'Adamax（无穷范数 Adam）', 'opt.radam': 'RAdam（修正 Adam）', 'opt.rprop': 'Rprop（弹性反向传播）', 'opt.newton': '牛顿法',
    'sched.const': '恒定', 'sched.invsqrt': '自适应学习率 lr/√(t+1)', 'sched.exp': '指数衰减',
    'sched.step': '阶梯衰减', 'sched.cosine': '余弦退火',
    'data.seed': '例题（3 个点）', 'data.line': '带噪声的直线 y = 2x + 1',
    'data.blobs': '两类样本（0/1）', 'data.scales': '尺度不同的两个特征',
    'data.custom': '自己的数据点',
  },
});

// What each settings key allows, for tooltips and problem messages. English comes from the
// codec's table (catalog().fields). Chinese is worded here from the same table's ranges and
// choices (see zhAllowed); these are the keys whose words a range or a list cannot give.
register({
  zh: {
    'allowed.oneof': '以下之一：{list}',
    'allowed.whole.between': '{min} 到 {max} 之间的整数',
    'allowed.whole.atleast': '不小于 {min} 的整数',
    'allowed.between': '区间 {interval} 内的数',
    'allowed.atleast': '不小于 {min} 的有限数',
    'allowed.finite': '有限数',
    'allowed.f': '一个损失曲面：quadratic、ellipse、rosenbrock、himmelblau、beale、booth、rastrigin、saddle、six_hump_camel、parabola1d、double_well1d、wavy1d、linreg、logreg、linreg2 或 custom',
    'allowed.expr': '关于 x 和 y 的公式，最多 1000 个字符',
    'allowed.bs': '1 到 n 之间的整数',
    'allowed.color': '一种配色刻度：auto、linear 或 log',
    'allowed.logy': 'on 或 off',
    'allowed.view': '曲面视图：2d 或 3d',
    'allowed.resid': 'on 或 off',
    'allowed.maths': 'on 或 off',
    'allowed.at': '显示的步数：0 到 1000000 之间的整数（省略时显示运行的终点）',
    'allowed.lang': '一种语言：en 或 zh',
    'allowed.race': '最多 5 个优化器，用 ~ 连接，每个可带超参数，例如 momentum(lr=0.01,mom=0.9)~adam',
    'allowed.lrs': '最多 5 个 (0, 1000] 之间的学习率，用逗号分隔，例如 0.001,0.5',
    'allowed.sweep': 'lo,hi,K：从 lo 到 hi 按对数均匀取 K 个学习率（K 为 2 到 200），例如 1e-4,10,50',
    'allowed.sweepy': '扫描图的纵轴：loss 或 steps',
    'allowed.map': '用逗号连接的两条轴，每条写作 键 : 起点 : 终点 [ : 格数 [ : log|lin ] ]，例如 lr:1e-4:2:64,mom:0:0.99:64',
    'allowed.mapy': '地图的着色依据：loss、steps 或 basin',
    'allowed.pts': '最多 500 个点 x,y;x,y;…（linreg2 为 x1,x2,y;…；logreg 的标签为 0 或 1），每个数在 ±1e15 以内',
  },
});

// Problems and divergences, keyed by the codes the core exports (catalog().problem_codes,
// hint_codes, divergence_codes; a tidy check in xtask keeps both languages complete). The
// English is the CLI's own wording (crates/core/src/problem.rs); arguments fill the blanks.
register({
  en: {
    'problem.unknown_key': 'unknown key, ignored',
    'problem.repeated_key': 'given more than once; the last value is used',
    'problem.bad_escape': 'a malformed percent escape at character {at}',
    'problem.bad_utf8': 'percent escapes that are not valid UTF-8',
    'problem.out_of_range': 'expected {allowed}',
    'problem.not_a_choice': 'expected {allowed}',
    'problem.invalid': 'expected {allowed}',
    'problem.too_long': 'too long ({len} characters); {allowed}',
    'problem.wrong_dataset': '{model} needs the {needs} dataset',
    'problem.batch_over_n': 'the batch size must be from 1 to n = {n}',
    'problem.racer_batch_over_n': '{racer}: the batch size must be from 1 to n = {n}',
    'problem.lrs_do_not_fit': 'with {racers} racers, at most {room} more learning rates fit in {runs} runs',
    'problem.racer': 'racer {index}: {detail}',
    'problem.unclosed': '“{entry}” has a “(” without a closing “)” at its end',
    'problem.not_an_optimizer': '“{name}” is not an optimizer; use one of {names}',
    'problem.not_key_value': '“{part}” in {opt}(…) is not key=value',
    'problem.not_a_hyperparameter': '“{key}” is not a hyperparameter; {opt} takes {takes}',
    'problem.no_such_hyperparameter': '{opt} has no {key}; it takes {takes}',
    'problem.given_twice': '{key} is given twice in {opt}(…)',
    'problem.in_entry': '{key}={value} in {opt}(…): {detail}',
    'problem.too_many_racers': '{count} racers; at most {max} race beside the main run',
    'problem.not_a_learning_rate': '“{value}” is not a learning rate in (0, 1000]',
    'problem.too_many_lrs': '{count} learning rates; at most {max} beside the main run',
    'problem.sweep_form': 'expected lo,hi,K: the smallest and largest learning rate and how many, e.g. 1e-4,10,50',
    'problem.sweep_order': 'the smallest learning rate {lo} must be below the largest {hi}',
    'problem.sweep_count': '“{value}” is not a count from 2 to {max}',
    'problem.map_form': 'expected two axes key:from:to[:cells[:log|lin]] joined by a comma, e.g. lr:1e-4:2:64,mom:0:0.99:64',
    'problem.map_axis_key': '“{key}” cannot be a map axis; use one of {keys}',
    'problem.map_same_axis': 'both axes are {key}; map two different keys',
    'problem.map_order': 'the axis {key} must run from a smaller value to a larger one, not from {from} to {to}',
    'problem.map_log': 'the log axis {key} needs both ends above 0; add :lin for a linear one',
    'problem.map_cells': '“{value}” is not a cell count from 2 to {max}',
    'problem.map_scale': '“{value}” is not a scale; use log or lin',
    'problem.map_value': '{key}={value} on the map’s axis: {detail}',
    'problem.map_not_read': 'these settings do not read {key} (the optimizer, schedule, landscape or batch mode does not use it), so every cell would be the same',
    'problem.map_too_big': '{cells} cells × {steps} steps is {total} steps; a map may take at most {max}',
    'problem.map_no_minima': 'basins need a landscape whose minima are known; {f} has none listed',
    'problem.point_not_a_number': 'point {point}, number {coordinate}: “{text}” is not a number',
    'problem.point_not_finite': 'point {point}, number {coordinate}: “{text}” is not a finite number',
    'problem.point_too_large': 'point {point}, number {coordinate}: {text} is beyond ±{max}, the largest allowed',
    'problem.point_numbers': 'point {point} has {found} numbers; write x,y (x1,x2,y for linreg2) and join points with ;',
    'problem.point_ragged': 'point {point} has {found} numbers, the points before it {expected}',
    'problem.points_do_not_suit': '{model} takes points of {needs} numbers; these have {found}',
    'problem.point_label': 'point {point}: the label {value} is not 0 or 1',
    'problem.too_many_points': '{count} points; a link holds at most {max}: save a session file instead (Save session on the page, or descent run --data FILE)',
    'problem.few_points': '{count} points; a fit needs at least {min}',
    'problem.too_many_rows': '{rows} rows of data; at most {max} are read',
    'problem.file_too_large': 'the file is {size}; at most {max} is read (up to 100000 rows)',
    'problem.file_empty': 'the file is empty: no rows of data',
    'problem.file_binary': 'this is not a text file (binary data in row {row}); save the data as CSV or TSV (in a spreadsheet: Save as → CSV)',
    'problem.file_ragged': 'row {row} has {found} cells, the first row {expected}',
    'problem.cell_not_a_number': 'row {row}, column {column}: “{text}” is not a number',
    'problem.cell_not_finite': 'row {row}, column {column}: “{text}” is not a finite number',
    'problem.cell_too_large': 'row {row}, column {column}: {text} is beyond ±{max}, the largest allowed',
    'problem.file_duplicate_header': 'row {row}: the header names “{name}” twice (columns {first} and {second})',
    'problem.file_few_columns': '{found} numeric columns; {needs} are needed (x,y, or x1,x2,y for linreg2)',
    'problem.file_label': 'row {row}, column {column}: the label {text} is not 0 or 1',
    'problem.session_json': 'not a valid session file: the JSON breaks at line {line}, column {column}',
    'problem.session_field': 'not a Descent session file: “{field}” is missing or of the wrong kind',
    'problem.session_version': 'session file version {version}; this Descent reads versions up to {newest}',
    'problem.column': 'column {column}: {message}',
    'problem.formula_too_long': 'the formula is {len} characters long; the limit is {limit} characters',
    'problem.formula_empty': 'the formula is empty',
    'problem.formula_unmatched_close': "found ')' with no matching '(' before it",
    'problem.formula_unexpected_char': "unexpected character '{char}'{hint}",
    'problem.formula_digit_around_dot': "expected a digit before or after '.'",
    'problem.formula_exponent_digits': "expected digits after the exponent '{marker}' in '{so_far}' (as in 1e-3; for a product with e write 2*e)",
    'problem.formula_bad_number': "'{text}' is not a valid number",
    'problem.formula_too_deep': 'the formula nests more than {limit} levels deep (parentheses, calls, signs and powers each count)',
    'problem.formula_expected_operator': 'expected an operator{close}, found {found}{hint}',
    'problem.formula_expected_value': "expected a number, a name or '('{after}, found {found}{hint}",
    'problem.formula_unclosed': "expected ')' to close the '{opener}' at column {at}, found the end of the formula",
    'problem.formula_call_needs_paren': "expected '(' after the function '{name}', found {found} (write {name}(x))",
    'problem.formula_unknown_name': "unknown name '{name}'{hint}; known names: {known}",
    'problem.formula_unknown_function': "unknown function '{name}'{hint}; known functions: {known}",
    'problem.formula.close': " or ')' to close the '{opener}' at column {at}",
    'problem.formula.after': " after '{after}'",
    'problem.found': "'{text}'",
    'problem.found.end': 'the end of the formula',
    'problem.hint.comma': ' (functions take a single argument)',
    'problem.hint.open_bracket': " (use '(' for grouping)",
    'problem.hint.close_bracket': " (use ')' for grouping)",
    'problem.hint.implicit_product': ' (there is no implicit multiplication: write 2*x, not 2x)',
    'problem.hint.power': ' (write powers with ^, as in 2^3)',
    'problem.hint.empty_parens': ' (the parentheses are empty)',
    'problem.hint.log': ' (write ln for the natural logarithm or log10)',
    'problem.hint.lowercase': " (names are lowercase: did you mean '{lower}'?)",
    'problem.shortened': '{head}… ({n} characters)',
    'list.sep': ', ',
    'what.coordinate': '{axis} became {value}',
    'what.loss': 'the loss became {value}',
    'what.gradient': "the gradient's {axis} component became {value}",
    'what.no_start': 'the run could not start',
  },
  zh: {
    'problem.unknown_key': '未知的键，已忽略',
    'problem.repeated_key': '出现了不止一次，使用最后一个值',
    'problem.bad_escape': '第 {at} 个字符处的百分号转义格式错误',
    'problem.bad_utf8': '百分号转义不是有效的 UTF-8',
    'problem.out_of_range': '应为{allowed}',
    'problem.not_a_choice': '应为{allowed}',
    'problem.invalid': '应为{allowed}',
    'problem.too_long': '太长（{len} 个字符）；{allowed}',
    'problem.wrong_dataset': '{model} 需要 {needs} 数据集',
    'problem.batch_over_n': '批量大小必须在 1 到 n = {n} 之间',
    'problem.racer_batch_over_n': '{racer}：批量大小必须在 1 到 n = {n} 之间',
    'problem.lrs_do_not_fit': '已有 {racers} 个参赛者，{runs} 个运行中最多还能加 {room} 个学习率',
    'problem.racer': '第 {index} 个参赛者：{detail}',
    'problem.unclosed': '“{entry}” 中的“(”在末尾没有对应的“)”',
    'problem.not_an_optimizer': '“{name}” 不是优化器；可选 {names}',
    'problem.not_key_value': '{opt}(…) 中的“{part}”不是 键=值 的形式',
    'problem.not_a_hyperparameter': '“{key}” 不是超参数；{opt} 可用 {takes}',
    'problem.no_such_hyperparameter': '{opt} 没有 {key}；它可用 {takes}',
    'problem.given_twice': '{opt}(…) 中 {key} 出现了两次',
    'problem.in_entry': '{opt}(…) 中的 {key}={value}：{detail}',
    'problem.too_many_racers': '{count} 个参赛者；主运行之外最多 {max} 个',
    'problem.not_a_learning_rate': '“{value}” 不是 (0, 1000] 之间的学习率',
    'problem.too_many_lrs': '{count} 个学习率；主运行之外最多 {max} 个',
    'problem.sweep_form': '应为 lo,hi,K：最小和最大学习率以及个数，例如 1e-4,10,50',
    'problem.sweep_order': '最小学习率 {lo} 必须小于最大学习率 {hi}',
    'problem.sweep_count': '“{value}” 不是 2 到 {max} 之间的个数',
    'problem.map_form': '应为用逗号连接的两条轴，每条写作 键 : 起点 : 终点 [ : 格数 [ : log|lin ] ]，例如 lr:1e-4:2:64,mom:0:0.99:64',
    'problem.map_axis_key': '“{key}” 不能作为地图的轴；可选 {keys}',
    'problem.map_same_axis': '两条轴都是 {key}；请选两个不同的键',
    'problem.map_order': '轴 {key} 必须从较小的值到较大的值，而不是从 {from} 到 {to}',
    'problem.map_log': '对数轴 {key} 的两端都必须大于 0；线性轴请加 :lin',
    'problem.map_cells': '“{value}” 不是 2 到 {max} 之间的格数',
    'problem.map_scale': '“{value}” 不是刻度；请用 log 或 lin',
    'problem.map_value': '地图轴上的 {key}={value}：{detail}',
    'problem.map_not_read': '当前设置不使用 {key}（优化器、学习率调度、地形或批量方式都不读取它），每一格都会相同',
    'problem.map_too_big': '{cells} 格 × {steps} 步共 {total} 步；一张地图最多 {max} 步',
    'problem.map_no_minima': '吸引域需要已知极小值的地形；{f} 没有列出极小值',
    'problem.point_not_a_number': '第 {point} 个点的第 {coordinate} 个数：“{text}”不是数',
    'problem.point_not_finite': '第 {point} 个点的第 {coordinate} 个数：“{text}”不是有限的数',
    'problem.point_too_large': '第 {point} 个点的第 {coordinate} 个数：{text} 超出了允许的范围 ±{max}',
    'problem.point_numbers': '第 {point} 个点有 {found} 个数；请写 x,y（linreg2 写 x1,x2,y），点与点之间用 ; 分隔',
    'problem.point_ragged': '第 {point} 个点有 {found} 个数，而前面的点有 {expected} 个',
    'problem.points_do_not_suit': '{model} 的每个点需要 {needs} 个数；这些点有 {found} 个',
    'problem.point_label': '第 {point} 个点：标签 {value} 不是 0 或 1',
    'problem.too_many_points': '{count} 个点；链接最多容纳 {max} 个：请改存会话文件（页面上的“保存会话”，或 descent run --data 文件）',
    'problem.few_points': '只有 {count} 个点；拟合至少需要 {min} 个',
    'problem.too_many_rows': '{rows} 行数据；最多读取 {max} 行',
    'problem.file_too_large': '文件大小为 {size}；最多读取 {max}（最多 100000 行）',
    'problem.file_empty': '文件是空的：没有数据行',
    'problem.file_binary': '这不是文本文件（第 {row} 行有二进制数据）；请把数据存为 CSV 或 TSV（在电子表格中：另存为 → CSV）',
    'problem.file_ragged': '第 {row} 行有 {found} 个单元格，而第一行有 {expected} 个',
    'problem.cell_not_a_number': '第 {row} 行第 {column} 列：“{text}”不是数',
    'problem.cell_not_finite': '第 {row} 行第 {column} 列：“{text}”不是有限的数',
    'problem.cell_too_large': '第 {row} 行第 {column} 列：{text} 超出了允许的范围 ±{max}',
    'problem.file_duplicate_header': '第 {row} 行：表头中“{name}”出现了两次（第 {first} 列和第 {second} 列）',
    'problem.file_few_columns': '只有 {found} 个数值列；需要 {needs} 个（x,y，linreg2 为 x1,x2,y）',
    'problem.file_label': '第 {row} 行第 {column} 列：标签 {text} 不是 0 或 1',
    'problem.session_json': '不是有效的会话文件：JSON 在第 {line} 行第 {column} 列出错',
    'problem.session_field': '不是 Descent 会话文件：“{field}”缺失或类型不对',
    'problem.session_version': '会话文件版本为 {version}；此版本的 Descent 最高只能读取版本 {newest}',
    'problem.column': '第 {column} 列：{message}',
    'problem.formula_too_long': '公式有 {len} 个字符；最多 {limit} 个字符',
    'problem.formula_empty': '公式为空',
    'problem.formula_unmatched_close': '“)”前面没有对应的“(”',
    'problem.formula_unexpected_char': '意外的字符“{char}”{hint}',
    'problem.formula_digit_around_dot': '“.”的前面或后面应有数字',
    'problem.formula_exponent_digits': '“{so_far}”中的指数符号“{marker}”后面应有数字（如 1e-3；要乘以 e 请写 2*e）',
    'problem.formula_bad_number': '“{text}”不是有效的数',
    'problem.formula_too_deep': '公式嵌套超过 {limit} 层（括号、函数调用、正负号和乘方各算一层）',
    'problem.formula_expected_operator': '应为运算符{close}，却是{found}{hint}',
    'problem.formula_expected_value': '{after}应为数、名称或“(”，却是{found}{hint}',
    'problem.formula_unclosed': '应有“)”来闭合第 {at} 列的“{opener}”，公式却已结束',
    'problem.formula_call_needs_paren': '函数“{name}”后面应有“(”，却是{found}（请写 {name}(x)）',
    'problem.formula_unknown_name': '未知的名称“{name}”{hint}；可用的名称：{known}',
    'problem.formula_unknown_function': '未知的函数“{name}”{hint}；可用的函数：{known}',
    'problem.formula.close': '或闭合第 {at} 列“{opener}”的“)”',
    'problem.formula.after': '在“{after}”之后',
    'problem.found': '“{text}”',
    'problem.found.end': '公式结尾',
    'problem.hint.comma': '（函数只接受一个参数）',
    'problem.hint.open_bracket': '（分组请用“(”）',
    'problem.hint.close_bracket': '（分组请用“)”）',
    'problem.hint.implicit_product': '（乘号不能省略：请写 2*x，而不是 2x）',
    'problem.hint.power': '（乘方请用 ^，例如 2^3）',
    'problem.hint.empty_parens': '（括号是空的）',
    'problem.hint.log': '（自然对数请写 ln，或写 log10）',
    'problem.hint.lowercase': '（名称要小写：是不是“{lower}”？）',
    'problem.shortened': '{head}…（{n} 个字符）',
    'list.sep': '、',
    'what.coordinate': '{axis} 变为 {value}',
    'what.loss': '损失变为 {value}',
    'what.gradient': '梯度的 {axis} 分量变为 {value}',
    'what.no_start': '运行无法开始',
  },
});

/** A catalog entry's name in the current language, or `fallback` when none is known. */
export function named(prefix, name, fallback = name) {
  const key = `${prefix}.${name}`;
  return has(key) ? t(key) : fallback;
}

/** The string-table prefix naming each menu key's choices. */
const CHOICE_PREFIX = { f: 'land', opt: 'opt', sched: 'sched', data: 'data', scale: 'scale', batch: 'batch' };

/** A menu choice of settings key `key` in the current language (the value itself when unknown). */
export function choiceName(key, value) {
  return CHOICE_PREFIX[key] ? named(CHOICE_PREFIX[key], value) : value;
}

/** The codec's table as catalog().fields gives it: key → {allowed, range, choices}. */
const fields = new Map();

/** Keeps the codec's table (the controls pass catalog().fields once the wasm is loaded). */
export function setFields(list) {
  for (const f of list || []) fields.set(f.key, f);
}

/** A bound as words write it; 2^64 (the seed's, as a float) is no bound worth a word. */
const bound = (x) => (x === null || x === undefined || Math.abs(x) >= 2 ** 63 ? null : String(x));

/** What a key allows, in Chinese, from the codec's range or choices; null when unknown. */
function zhAllowed(key) {
  if (has(`allowed.${key}`, 'zh')) return t(`allowed.${key}`);
  const f = fields.get(key);
  if (!f) return null;
  if (f.choices && f.choices.length) return t('allowed.oneof', { list: f.choices.join('、') });
  return f.range ? rangeWords(f.range) : null;
}

/** An interval `{min, max, min_open, max_open, whole}` (an unbounded side null or absent) in words. */
function rangeWords(r) {
  const [min, max] = [bound(r.min), bound(r.max)];
  if (r.whole) {
    return max !== null ? t('allowed.whole.between', { min, max }) : t('allowed.whole.atleast', { min: min ?? 0 });
  }
  if (min !== null && max !== null) {
    return t('allowed.between', { interval: `${r.min_open ? '(' : '['}${min}, ${max}${r.max_open ? ')' : ']'}` });
  }
  return min !== null ? t('allowed.atleast', { min }) : t('allowed.finite');
}

/** What a key allows, in the current language (`english` from the codec otherwise). */
export function allowedText(key, english) {
  return lang() !== 'en' ? zhAllowed(key) ?? english : english;
}

/**
 * The message beside a field whose typed value was refused: the key, the value, what is
 * allowed, and the value the run keeps (`kept`, the key's value in force; '' when unset).
 */
export function fieldMessage(problem, kept) {
  return t('field.invalid', { key: problem.key, value: shorten(problem.value), detail: problemDetail(problem), keeps: keptText(problem.key, kept) });
}

/** "The run keeps lr = 0.1." (`kept` '' when the key is unset). */
export function keptText(key, kept) {
  return kept === '' ? t('field.keeps.unset', { key }) : t('field.keeps', { key, kept: shorten(kept) });
}

/** Cuts long values as the codec does, so a 10 kB payload does not fill the banner. */
function shorten(s, max = 60) {
  const chars = Array.from(String(s));
  return chars.length <= max ? chars.join('') : t('problem.shortened', { head: chars.slice(0, max).join(''), n: chars.length });
}

/** What a key allows, for a problem's detail: the codec's English, or words from its arguments. */
function allowedWords(key, d) {
  if (lang() === 'en') return d.allowed;
  if (key && has(`allowed.${key}`)) return t(`allowed.${key}`);
  if (d.code === 'not_a_choice') return t('allowed.oneof', { list: d.choices.join(t('list.sep')) });
  if (d.code === 'out_of_range') return rangeWords(d);
  return zhAllowed(key) ?? d.allowed;
}

/**
 * A problem's detail (`{code, ...arguments}` from the core) in the current language, worded from
 * the tables by its code; `key` is the settings key it concerns (for what the key allows).
 */
export function detailText(d, key) {
  if (!d || !d.code) return '';
  const vars = {};
  for (const [name, x] of Object.entries(d)) {
    if (Array.isArray(x)) vars[name] = x.join(t('list.sep'));
    else if (x && typeof x === 'object') vars[name] = detailText(x, d.key);
    else vars[name] = x;
  }
  if ('allowed' in d) vars.allowed = allowedWords(d.key ?? key, d);
  if (!d.code.startsWith('formula_')) return t(`problem.${d.code}`, vars);
  vars.found = d.found === undefined ? t('problem.found.end') : t('problem.found', { text: d.found });
  vars.hint = d.hint ? t(`problem.hint.${d.hint}`, { lower: d.lower }) : '';
  vars.close = d.opener !== undefined && d.code === 'formula_expected_operator' ? t('problem.formula.close', d) : '';
  vars.after = d.after !== undefined ? t('problem.formula.after', d) : '';
  return t('problem.column', { column: d.column, message: t(`problem.${d.code}`, vars) });
}

/** The detail of a problem (`{key, value, severity, detail}`) in the current language. */
export function problemDetail(p) {
  return detailText(p && p.detail, p && p.key);
}

/** One line of the problems banner, in the current language. */
export function problemLine(p) {
  const key = p.severity === 'warning' ? 'problem.warning' : 'problem.error';
  return t(key, { key: p.key, value: shorten(p.value), detail: problemDetail(p) });
}

/** What stopped being finite (`{code, axis, value}`), in the current language. */
export function whatText(what) {
  return what && what.code ? t(`what.${what.code}`, { axis: what.axis, value: what.value }) : '';
}

/** The status sentence, built here from the status name, step and what went wrong. */
export function statusText(status) {
  const name = status && status.name;
  const step = status && status.stop_step !== null && status.stop_step !== undefined ? status.stop_step : 0;
  if (!has(`status.${name}`)) return (status && status.text) || '';
  return t(`status.${name}`, { step, what: whatText(status.what) });
}

/**
 * The status sentence of a step before the run's end: where it stands (of the run's `total`
 * steps when `final`, else of at most that many) and whether the loss fell since the step
 * before. `loss`/`before` are null when not finite.
 */
export function stepStatusText({ step, total, final, loss, before }) {
  const n = t(final ? 'status.step.total' : 'status.step.max', { n: total });
  if (step === 0) return t('status.step.start', { n });
  if (typeof loss !== 'number' || !Number.isFinite(loss)) return t('status.step.notfinite', { step, n });
  let trend = 'level';
  if (typeof before === 'number' && Number.isFinite(before)) {
    if (loss < before) trend = 'falling'; else if (loss > before) trend = 'rising';
  } else {
    trend = 'falling';
  }
  return t(`status.step.${trend}`, { step, n });
}

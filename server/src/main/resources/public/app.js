// GridPulse dashboard: plain JS + uPlot, no build step.
(() => {
  const TEXT = {
    ko: { meter: '계량기', needKey: 'GridPulse 시작 시 출력된 API 키를 입력하세요.', connect: '연결', now: '현재 전력',
      today: '오늘 사용량', sinceMidnight: '자정부터', billSoFar: '현재까지 요금', projected: '예상 요금', tier: '누진 단계',
      live: '실시간 (최근 10분, 1초 단위)', day: '최근 24시간 (1분 평균)', days: '일별 사용량 (최근 40일)',
      footer: 'GridPulse — 초 단위 가정 전력 데이터를 위한 오픈 플랫폼', langButton: 'English', fleetLink: '운영', kwhToNext: '다음 단계까지 {0} kWh',
      tierN: '{0}단계', crossing: ' · {0} 진입 예상', noMeters: '아직 계량기가 없습니다.',
      lastReadingAt: '마지막 측정 {0} · 계량기가 보고하지 않습니다',
      appliances: '오늘 가전별 사용량', appliancesNote: '1초 단위 전력 신호로 추정(NILM) · 요금은 이번 달 요금에 더해지는 금액',
      typicalLevel: '평소 수준', typicalNote: '빗금 막대: 이 집의 신호에서 사용을 알아보지 못해 그 시간대의 평소 수준으로 채운 추정치입니다.',
      won: '{0}원', wonUnit: '원', alerts: '알림', time: '시각', power: '전력 (W)', usage: '사용량 (kWh)',
      standby: '대기전력 (상시)', standbyCost: '이번 달 지금까지 {0}원', standbyTrend: ' · 추세 월 {0} W',
      findMeter: '계량기 찾기…', compare: '다른 가구와 비교', kwhPerDay: 'kWh/일', compareText: '최근 30일 · {0}가구 중간값 하루 {1} kWh · {2}%가 더 많이 씀',
      dayOf: '{0} (1분 평균)', appliancesOn: '{0} 가전별 사용량', appliancesNoteDay: '1초 단위 전력 신호로 추정(NILM) · 요금은 그달 요금에 더해진 금액', onNow: '작동 중', back24h: '최근 24시간으로', csv: 'CSV 내려받기', todayExpected: ' · 오늘 예상 약 {0} kWh', expected: '예상 (kWh)',
      settings: '설정', homeName: '이름', tariffLabel: '요금제', readingDay: '검침일', monthEnd: '말일', timezone: '시간대',
      budget: '월 예산 (원, 비우면 없음)', save: '저장', cancel: '취소',
      shareTitle: '이 집만 보는 링크 (보기 전용, 가족에게)', shareMake: '링크 만들기', shareNote: '이 링크는 지금만 보입니다. 이 계량기만 보고 바꿀 수는 없습니다.',
      webhook: '모든 알림 보낼 곳 (웹훅 URL, 모든 계량기; 비우면 보내지 않음)', webhookStatus: '전달 {0} · 실패 {1} · 버림 {2}', lastError: ' · 마지막 오류: {0}',
      bills: '요금 내역', linesSoFar: '이번 검침 기간 ({0}–{1}) 지금까지', byPeriod: '검침 기간별', projectedHatched: '빗금: 이번 기간 남은 날에 더해질 것으로 예상되는 요금', partialDays: '{0}/{1}일만 측정', pickDay: '날짜를 누르면 그날을 1분 단위로 위에서 볼 수 있습니다.',
      // Alerts, said from the event's type and details (see alertText); {n} are formatted numbers.
      weekday: '평일', weekend: '주말',
      'usage-high': '{0}시~{1}시 사용량 {2} kWh — {3} 이 시간대 평소({4} kWh)의 {5}배입니다.',
      'appliance-left-on': '평소 이 시간대보다 약 {0} W 많은 전력이 {1}째 끊기지 않고 쓰이고 있습니다. 다리미·전기히터·오븐이 켜져 있지 않은지 확인해 보세요.',
      'baseload-jump.up': '{0}부터 늘 켜져 있는 전력(대기전력)이 약 {1} W에서 {2} W로 늘었습니다({3} W, 한 달에 약 {4} kWh). 새로 켜 두었거나 대기 상태인 기기가 있는지 확인해 보세요.',
      'baseload-jump.down': '{0}부터 늘 켜져 있는 전력(대기전력)이 약 {1} W에서 {2} W로 줄었습니다({3} W, 한 달에 약 {4} kWh). 늘 켜져 있던 기기가 꺼진 것 같습니다.',
      'meter-silent': '{0}째 계량기에서 값이 들어오지 않습니다. 계량기 전원과 네트워크 연결을 확인해 주세요.',
      'meter-silent.learned': '{0}째 계량기에서 값이 들어오지 않습니다(지금까지 평소 가장 길게 끊긴 시간은 {1}). 계량기 전원과 네트워크 연결을 확인해 주세요.',
      'meter-back': '계량기에서 다시 값이 들어오고 있습니다.',
      'tier-entered': '이번 달 사용량이 누진 {0}단계에 들어섰습니다. 이제부터 쓰는 전기는 kWh당 요금이 더 비쌉니다.',
      'tier-projected': '이대로면 이번 달 누진 {0}단계에 도달합니다.',
      'tier-projected.date': '이대로면 {1} 무렵 누진 {0}단계에 도달합니다.',
      'super-user-risk': '이대로면 이번 달 사용량이 1,000 kWh를 넘어 슈퍼유저 요금이 적용됩니다.',
      'budget-exceeded': '이번 달 요금({0}원)이 예산 {1}원을 넘었습니다.',
      'budget-projected': '이대로면 이번 달 요금이 약 {0}원으로 예산 {1}원을 넘습니다.' },
    en: { meter: 'Meter', needKey: 'Enter the API key printed when GridPulse started.', connect: 'Connect', now: 'Power now',
      today: 'Today', sinceMidnight: 'since local midnight', billSoFar: 'Bill so far', projected: 'Projected', tier: 'Tier',
      live: 'Live, last 10 minutes (1 reading/s)', day: 'Last 24 hours (1-minute average)', days: 'Daily usage, last 40 days',
      footer: 'GridPulse — open platform for per-second household electricity data.', langButton: '한국어', fleetLink: 'Fleet',
      kwhToNext: '{0} kWh to the next tier', tierN: 'Tier {0}', crossing: ' · expected {0}', noMeters: 'No meters yet.',
      lastReadingAt: 'Last reading {0} · the meter is not reporting',
      appliances: 'Appliances today', appliancesNote: "Estimated from the 1 Hz signal (NILM); won = what each adds to this month's bill.",
      typicalLevel: 'typical level', typicalNote: "Hatched bars: use not recognised in this home's signal, filled in at the appliance's typical level for the time of day.",
      won: '₩{0}', wonUnit: 'won', alerts: 'Alerts', time: 'Time', power: 'Power (W)', usage: 'Usage (kWh)',
      standby: 'Standby (always on)', standbyCost: '₩{0} this month so far', standbyTrend: ' · trend {0} W/month',
      findMeter: 'find a meter…', compare: 'Beside other homes', kwhPerDay: 'kWh/day', compareText: 'last 30 days · median of {0} homes {1} kWh/day · {2}% use more',
      dayOf: '{0} (1-minute average)', appliancesOn: 'Appliances on {0}', appliancesNoteDay: "Estimated from the 1 Hz signal (NILM); won = what each added to that month's bill.", onNow: 'on now', back24h: 'Back to the last 24 hours', csv: 'Download CSV', todayExpected: ' · about {0} kWh expected today', expected: 'Expected (kWh)',
      settings: 'Settings', homeName: 'Name', tariffLabel: 'Tariff', readingDay: 'Meter reading day (검침일)', monthEnd: 'month end',
      timezone: 'Time zone', budget: 'Monthly budget (won; empty: none)', save: 'Save', cancel: 'Cancel',
      shareTitle: 'A view-only link to this home (for the family)', shareMake: 'Make a link', shareNote: 'Shown only now. It sees this meter alone and changes nothing.',
      webhook: 'Send every alert to (webhook URL, all your meters; empty: nowhere)', webhookStatus: 'delivered {0} · failed {1} · dropped {2}',
      lastError: ' · last error: {0}',
      bills: 'Bills', linesSoFar: 'This billing period ({0}–{1}) so far', byPeriod: 'By billing period', projectedHatched: 'Hatched: what the rest of this period is projected to add.', partialDays: 'measured {0} of {1} days', pickDay: 'Click a day to see it minute by minute above.',
      // The bill alerts' message is English / Korean: these say only the English half.
      'tier-entered': 'Your usage this period has entered tier {0}; each further kWh costs more.',
      'tier-projected': 'At this pace you will reach tier {0} this period.',
      'tier-projected.date': 'At this pace you will reach tier {0} around {1}.',
      'super-user-risk': 'At this pace you will pass 1,000 kWh this period and pay the super-user rate.',
      'budget-exceeded': "This period's bill (₩{0}) is over your budget of ₩{1}.",
      'budget-projected': 'At this pace the bill will be about ₩{0}, over your budget of ₩{1}.' },
  };
  // Appliance labels from the NILM model (simulator and REDD names) → display names.
  const APPLIANCE = {
    ko: { fridge: '냉장고', refrigerator: '냉장고', 'kimchi fridge': '김치냉장고', 'rice cooker': '전기밥솥', AC: '에어컨',
      washer: '세탁기', TV: 'TV', PC: '컴퓨터', lights: '조명', lighting: '조명', standby: '대기전력', microwave: '전자레인지',
      kettle: '전기포트', 'induction hob': '인덕션', 'hair dryer': '헤어드라이어', vacuum: '청소기', 'clothes dryer': '의류건조기',
      heater: '전기히터', 'electric mat': '전기매트', 'gas boiler pump': '보일러 순환펌프', 'bidet seat': '비데',
      'water purifier': '정수기', 'air purifier': '공기청정기', dehumidifier: '제습기', 'chargers and gadgets': '충전기·소형기기',
      unidentified: '미확인' },
    en: { fridge: 'Fridge', 'kimchi fridge': 'Kimchi fridge', 'rice cooker': 'Rice cooker', AC: 'Air conditioner',
      washer: 'Washer', lights: 'Lights', standby: 'Standby', 'chargers and gadgets': 'Chargers & gadgets',
      unidentified: 'Unidentified' },
  };
  // An alert is said from its type and details, which carry every number the server's `message`
  // states: each entry gives [text key, ...args], or false when a detail is missing (an alert kept by
  // an older server). The message is shown then, or when the language has no text for the key
  // (English has them only for the bill alerts, whose message is English / Korean).
  const num = (v, digits = 0, sign = 'auto') => Number(v).toLocaleString('ko-KR',
    { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: sign });
  const kwh = wh => num(wh / 1000, 2);
  const monthDay = iso => new Date(iso + 'T00:00:00Z').toLocaleDateString(lang, { timeZone: 'UTC', ...DAY });
  const duration = ms => {
    const m = Math.floor(ms / 60000), h = Math.floor(m / 60);
    return h ? `${h}시간` + (m % 60 ? ` ${m % 60}분` : '') : `${m}분`;
  };
  const has = (d, ...keys) => keys.every(k => d[k] != null);
  const ALERT = {
    'usage-high': d => has(d, 'hour', 'energyWh', 'expectedEnergyWh', 'timesUsual', 'dayType')
      && ['usage-high', d.hour, d.hour + 1, kwh(d.energyWh), t(d.dayType), kwh(d.expectedEnergyWh), num(d.timesUsual, 1)],
    'appliance-left-on': d => has(d, 'extraPowerW', 'runningMs') && ['appliance-left-on', num(d.extraPowerW), duration(d.runningMs)],
    'baseload-jump': d => has(d, 'firstDay', 'fromW', 'toW', 'deltaW', 'monthlyEnergyWh')
      && [d.deltaW > 0 ? 'baseload-jump.up' : 'baseload-jump.down', monthDay(d.firstDay), num(d.fromW), num(d.toW),
        num(d.deltaW, 0, 'always'), num(d.monthlyEnergyWh / 1000, 1, 'always')],
    // Two sources: the anomaly detector (silentMs and its learned longest pause) and the server's SilenceWatcher (silentForMs).
    'meter-silent': d => has(d, 'silentMs', 'longestNormalPauseMs')
      ? ['meter-silent.learned', duration(d.silentMs), duration(d.longestNormalPauseMs)]
      : has(d, 'silentForMs') && ['meter-silent', duration(d.silentForMs)],
    'meter-back': () => ['meter-back'],
    'tier-entered': d => has(d, 'tier') && ['tier-entered', d.tier],
    'tier-projected': d => has(d, 'projectedTier') && (d.projectedCrossingDate
      ? ['tier-projected.date', d.projectedTier, monthDay(d.projectedCrossingDate)] : ['tier-projected', d.projectedTier]),
    'super-user-risk': () => ['super-user-risk'],
    'budget-exceeded': d => has(d, 'billSoFarWon', 'budgetWon') && ['budget-exceeded', num(d.billSoFarWon), num(d.budgetWon)],
    'budget-projected': d => has(d, 'projectedTotalWon', 'budgetWon') && ['budget-projected', num(d.projectedTotalWon), num(d.budgetWon)],
  };
  function alertText(a) {
    const said = ALERT[a.type] && ALERT[a.type](a.details || {});
    return said && TEXT[lang][said[0]] ? t(...said) : a.message;
  }
  const applianceName = n => APPLIANCE[lang][n] || (n.charAt(0).toUpperCase() + n.slice(1));
  let lang = localStorage.getItem('gp.lang') || (navigator.language.startsWith('ko') ? 'ko' : 'en');
  const t = (k, ...a) => (TEXT[lang][k] || k).replace(/\{(\d)\}/g, (_, i) => a[i]);
  const $ = id => document.getElementById(id);

  function applyLang() {
    GridPulseSession.applyTexts(lang, t);
    showDayTitle();
    renderStandby();
    renderComparison();
  }

  const { api, showLogin } = GridPulseSession;
  function showError(e) { $('error').hidden = false; $('error').textContent = String(e.message || e); }

  // Times are shown in the meter's zone (its household's clock), not the viewer's.
  let zone = 'Asia/Seoul';
  const tzDate = ts => uPlot.tzDate(new Date(ts * 1e3), zone);
  // Chart times in the page's language and the meter's zone (uPlot's own stamps are US-style):
  // ko "오후 7:25", "11월 26일"; en "7:25 pm", "Nov 26". ts in seconds.
  const CLOCK = { hour: 'numeric', minute: '2-digit' }, CLOCK_S = { ...CLOCK, second: '2-digit' };
  const DAY = { month: 'short', day: 'numeric' }, DAY_CLOCK = { ...DAY, ...CLOCK }, MONTH = { year: 'numeric', month: 'short' };
  const dateFormats = new Map();
  function fmtTime(ts, fields) {
    const k = lang + zone + JSON.stringify(fields);
    if (!dateFormats.has(k)) dateFormats.set(k, new Intl.DateTimeFormat(lang, { timeZone: zone, ...fields }));
    const s = dateFormats.get(k).format(new Date(ts * 1e3));
    return lang === 'en' ? s.replace(/\s([AP])M\b/, (_, p) => ' ' + p.toLowerCase() + 'm') : s;
  }
  // yyyy-mm-dd in the meter's zone (file names, the API's dates)
  const localDate = ms => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(ms));
  // One kind of label per axis, from the tick step; an hourly axis says the date at midnight instead.
  function timeTicks(u, splits, axisIdx, space, step) {
    const fields = step >= 28 * 86400 ? MONTH : step >= 86400 ? DAY : step >= 60 ? CLOCK : CLOCK_S;
    const midnight = ts => { const d = tzDate(ts); return d.getHours() === 0 && d.getMinutes() === 0; };
    const labels = splits.map(ts => fields === CLOCK && step >= 3600 && midnight(ts) ? fmtTime(ts, DAY) : fmtTime(ts, fields));
    return withinCanvas(u, splits, axisIdx, labels);
  }
  // A label centred on a tick within half its width of the canvas edge would be cut: leave it out
  // (the live chart's newest minute often sits at its right edge).
  function withinCanvas(u, splits, axisIdx, labels) {
    const font = u.axes[axisIdx].font, ctx = u.ctx;
    if (!font) return labels;
    ctx.save();
    ctx.font = font[0];
    const shown = labels.map((s, i) => {
      const x = u.valToPos(splits[i], 'x', true), half = ctx.measureText(s).width / 2;
      return x - half < 1 || x + half > ctx.canvas.width - 1 ? null : s;
    });
    ctx.restore();
    return shown;
  }
  const CHARTS = {
    live: { el: 'liveChart', series: 'power', unit: 'W', color: '#1f7ae0', legendTime: CLOCK_S },
    day: { el: 'dayChart', series: 'power', unit: 'W', color: '#7b4ae0', legendTime: DAY_CLOCK },
    days: { el: 'daysChart', series: 'usage', unit: 'kWh', color: '#2fb36d', legendTime: DAY, bars: true },
  };
  let daysWindow = [0, 1]; // the daily chart is always 40 days wide
  function makeChart(spec, old) {
    const data = old ? old.data : [[], []];
    if (old) old.destroy();
    const opts = { width: Math.min(1150, $(spec.el).clientWidth), height: 220, tzDate, // inside the card's padding
      scales: spec.bars ? { x: { time: true, range: () => daysWindow }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } }
        : { x: { time: true } },
      axes: [{ space: 70, values: timeTicks }, { label: spec.unit }],
      // A click on a day of the daily chart shows that day in the day chart.
      hooks: spec.bars ? { ready: [u => u.over.addEventListener('click', e => pickDay(barAt(u, e.offsetX)))] } : {},
      series: [{ label: t('time'), value: (u, ts) => ts == null ? '--' : fmtTime(ts, spec.legendTime) },
        { label: t(spec.series), stroke: spec.color, fill: spec.color + (spec.bars ? '55' : '22'), width: spec.bars ? 1 : 1.5,
          paths: spec.bars ? uPlot.paths.bars({ size: [0.7] }) : undefined }] };
    if (spec.bars) { // today's expected total, an outline behind today's bar so far
      opts.series.push({ label: t('expected'), stroke: spec.color, dash: [4, 3], width: 1, fill: spec.color + '14',
        paths: uPlot.paths.bars({ size: [0.7] }), points: { show: false } });
    }
    return new uPlot(opts, data.length === opts.series.length ? data : opts.series.map(() => []), $(spec.el));
  }
  const charts = {};
  const makeCharts = () => Object.entries(CHARTS).forEach(([name, spec]) => charts[name] = makeChart(spec, charts[name]));
  makeCharts();
  // Charts are drawn at their card's width: again when it changes (a phone turned, a window resized).
  let resizing = null, drawnWidth = document.documentElement.clientWidth;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      if (document.documentElement.clientWidth !== drawnWidth) { drawnWidth = document.documentElement.clientWidth; makeCharts(); }
    }, 200);
  });

  let live = { x: [], y: [] }, source = null, meterId = null;
  const LIVE_WINDOW_MS = 600000; // the live chart's 10 minutes

  let nowTs = null; // the latest reading's, in s
  let nowStale = false; // no reading within the live window: "Power now" shows the last one, said as such
  const showNowAt = () => nowTs != null && ($('nowAt').textContent = nowStale
    ? t('lastReadingAt', fmtTime(nowTs, { month: 'short', day: 'numeric', ...CLOCK }) + ' (' + zone + ')')
    : fmtTime(nowTs, CLOCK_S) + ' (' + zone + ')');
  function pushLive(ts, w) {
    live.x.push(ts / 1000); live.y.push(w);
    showLive();
  }

  function showLive() {
    const cutoff = (Date.now() - LIVE_WINDOW_MS) / 1000;
    while (live.x.length && live.x[0] < cutoff) { live.x.shift(); live.y.shift(); }
    charts.live.setData([live.x, live.y]);
    if (live.x.length) showNow(live.x[live.x.length - 1], live.y[live.y.length - 1], false);
  }

  /** "Power now": the newest reading, or (stale) the last one of a meter that stopped reporting. */
  function showNow(tsS, w, stale) {
    nowStale = stale;
    nowTs = tsS;
    $('nowW').textContent = w.toLocaleString(undefined, { maximumFractionDigits: 1 });
    showNowAt();
  }

  /** The raw readings of the live chart's window, oldest first. */
  async function liveWindow(id) {
    const now = Date.now();
    return (await api(`/meters/${id}/power?step=raw&from=${now - LIVE_WINDOW_MS}&to=${now + 1}`)).points;
  }

  async function backfillLive(id) {
    const fetched = await liveWindow(id);
    if (id !== meterId) return;
    const seen = new Set(live.x);
    const points = live.x.map((x, i) => [x, live.y[i]])
      .concat(fetched.filter(p => !seen.has(p.ts / 1000)).map(p => [p.ts / 1000, p.powerW]))
      .sort((a, b) => a[0] - b[0]);
    live = { x: points.map(p => p[0]), y: points.map(p => p[1]) };
    showLive();
  }

  async function loadMeter(id, tz, lastReading) {
    meterId = id;
    zone = tz || zone;
    const now = Date.now();
    const raw = await liveWindow(id);
    live = { x: raw.map(p => p.ts / 1000), y: raw.map(p => p.powerW) };
    nowTs = null; $('nowW').textContent = '–'; $('nowAt').textContent = '';
    showLive();
    if (!live.x.length && lastReading) showNow(lastReading.ts / 1000, lastReading.powerW, true);
    appliances = null; $('appliancesCard').hidden = true;
    await showDay(id, null);
    const days = await api(`/meters/${id}/usage?step=1d&from=${now - 40 * 86400000}&to=${now}`);
    usageDays = days.points.map(p => p.ts);
    daysWindow = [(now - 40 * 86400000) / 1000, now / 1000 + 86400];
    dailyPoints = days.points;
    todayExpectedWh = null;
    showDays();
    loadTodayExpected(id).catch(() => {});
    const last = days.points[days.points.length - 1];
    $('todayKwh').textContent = last ? (last.energyWh / 1000).toFixed(2) : '0.00';
    bill = null; bills = null; $('billsCard').hidden = true;
    $('settingsCard').hidden = true; // its fields are the previous meter's
    loadBill(id).catch(() => {});
    loadBills(id).catch(() => {});
    standby = null; renderStandby();
    loadStandby(id).catch(() => {});
    comparison = null; renderComparison();
    loadComparison(id).catch(() => {});
    if (source) source.close();
    alerts = []; renderAlerts();
    source = new EventSource(`/api/v1/meters/${id}/live?access_token=${encodeURIComponent(GridPulseSession.key())}`);
    source.addEventListener('reading', e => { const r = JSON.parse(e.data); pushLive(r.ts, r.powerW); });
    // EventSource reconnects by itself (network, server restart, a stream dropped for lagging);
    // what was stored while it was away is fetched, so the live chart has no hole.
    let opened = false;
    source.addEventListener('open', () => { if (opened) backfillLive(id).catch(() => {}); opened = true; });
    source.addEventListener('alert', e => addAlerts([JSON.parse(e.data)]));
    loadAlerts(id).catch(() => {});
  }

  // The daily chart: each day's usage, and what today is expected to come to (the forecast's day,
  // when it is the day of the last bar).
  let dailyPoints = [], todayExpectedWh = null;
  function showDays() {
    const last = dailyPoints.length - 1;
    charts.days.setData([dailyPoints.map(p => p.ts / 1000 + 43200), dailyPoints.map(p => p.energyWh / 1000),
      dailyPoints.map((p, i) => i === last && todayExpectedWh != null ? todayExpectedWh / 1000 : null)]);
    $('todayExpected').textContent = todayExpectedWh == null ? '' : t('todayExpected', num(todayExpectedWh / 1000, 1));
  }
  async function loadTodayExpected(id) {
    const f = await api(`/meters/${id}/forecast`);
    const lastDay = dailyPoints.length && localDate(dailyPoints[dailyPoints.length - 1].ts);
    if (id !== meterId || !f.nextDay || lastDay !== f.nextDay.date) return;
    todayExpectedWh = f.nextDay.expectedEnergyWh;
    showDays();
  }

  // The day chart and the appliance card: the last 24 hours and today, or a local day picked on
  // the daily chart ([from, to) in ms).
  let dayShown = null, usageDays = [];
  async function showDay(id, day) {
    const [from, to] = day || [Date.now() - 86400000, Date.now()];
    const minutes = await api(`/meters/${id}/power?step=1m&from=${from}&to=${to}`);
    if (id !== meterId) return;
    dayShown = day;
    charts.day.setData([minutes.points.map(p => p.ts / 1000), minutes.points.map(p => p.avgW)]);
    showDayTitle();
    loadAppliances(id);
  }
  function showDayTitle() {
    const label = dayShown && fmtTime(dayShown[0] / 1000, { weekday: 'short', ...DAY });
    $('dayTitle').textContent = dayShown ? t('dayOf', label) : t('day');
    $('appliancesTitle').textContent = dayShown ? t('appliancesOn', label) : t('appliances');
    $('appliancesNote').textContent = t(dayShown ? 'appliancesNoteDay' : 'appliancesNote');
    $('dayBack').hidden = !dayShown;
  }
  // The bar under a click or tap at x (CSS px in the plot): the nearest one if within half a day
  // of it, else null. From the event's position, not the cursor, which a tap need not have moved.
  function barAt(u, x) {
    const i = u.posToIdx(x), ts = u.data[0][i];
    if (ts == null) return null;
    const at = u.valToPos(ts, 'x');
    return Math.abs(at - x) <= u.valToPos(ts + 43200, 'x') - at ? i : null;
  }
  function pickDay(i) {
    if (i == null || usageDays[i] == null || !meterId) return;
    // A day ends where the next one starts (23 or 25 hours across a DST change); days without
    // data have no bar, so a next bar further away than that is not the next day.
    const from = usageDays[i], next = usageDays[i + 1];
    const to = next != null && next - from <= 25 * 3600000 ? next : from + 86400000;
    showDay(meterId, [from, to]).catch(showError);
  }
  $('dayBack').onclick = () => meterId && showDay(meterId, null).catch(showError);

  // The series a chart shows, as the API's CSV (fetched with the key, which a plain link cannot send).
  async function download(path, name) {
    const res = await GridPulseSession.fetchApi(path + '&format=csv');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await res.blob());
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  }
  $('dayCsv').onclick = () => {
    if (!meterId) return;
    const [from, to] = dayShown || [Date.now() - 86400000, Date.now()];
    download(`/meters/${meterId}/power?step=1m&from=${from}&to=${to}`, `${meterId}-${localDate(from)}-1m.csv`).catch(showError);
  };
  $('daysCsv').onclick = () => {
    if (!meterId) return;
    const to = Date.now(), from = to - 40 * 86400000; // the daily chart's 40 days
    download(`/meters/${meterId}/usage?step=1d&from=${from}&to=${to}`, `${meterId}-daily.csv`).catch(showError);
  };

  // Always-on power (the nightly baseload) and what it costs this month under the meter's tariff.
  let standby = null;
  async function loadStandby(id) {
    const s = await api(`/meters/${id}/standby`);
    if (id === meterId) { standby = s; renderStandby(); }
  }
  function renderStandby() {
    const month = standby && standby.months[standby.months.length - 1];
    $('standbyCard').hidden = !month;
    if (!month) return;
    $('standbyW').textContent = standby.baseloadW.toLocaleString(undefined, { maximumFractionDigits: 0 });
    $('standbyCost').textContent = t('standbyCost', month.standbyCostWon.toLocaleString())
      + (Math.abs(standby.trendWPerMonth) < 1 ? '' : t('standbyTrend', num(standby.trendWPerMonth, 0, 'always')));
  }

  // This home's daily use beside the other homes of the same service (only aggregates, ≥ 5 homes).
  let comparison = null;
  async function loadComparison(id) {
    const c = await api(`/meters/${id}/comparison`);
    if (id === meterId) { comparison = c; renderComparison(); }
  }
  function renderComparison() {
    const c = comparison;
    $('compareCard').hidden = !c || c.percentUsingMore === null;
    if ($('compareCard').hidden) return;
    const kwh = wh => (wh / 1000).toFixed(1);
    $('compareKwh').textContent = kwh(c.dailyWh);
    $('compareText').textContent = t('compareText', c.homes, kwh(c.medianDailyWh), c.percentUsingMore);
    const max = Math.max(c.p75DailyWh, c.dailyWh) * 1.25, at = wh => `${(100 * wh / max).toFixed(1)}%`;
    Object.assign($('compareBand').style, { left: at(c.p25DailyWh), width: at(c.p75DailyWh - c.p25DailyWh) });
    $('compareMedian').style.left = at(c.medianDailyWh);
    $('compareYou').style.left = at(c.dailyWh);
  }

  let bill = null, bills = null;
  async function loadBill(id) {
    const got = await api(`/meters/${id}/bill`);
    if (id !== meterId) return;
    bill = got;
    renderBill();
    renderBills();
  }
  function renderBill() {
    if (!bill) return;
    $('billCard').hidden = false; $('tierCard').hidden = false;
    $('billWon').textContent = bill.billSoFar.totalWon.toLocaleString();
    $('projWon').textContent = bill.projected.totalWon.toLocaleString();
    $('tierNow').textContent = t('tierN', bill.tier.current);
    const used = bill.energySoFarWh / 1000, next = bill.tier.kWhToNext;
    $('tierBar').style.width = next == null ? '100%' : Math.min(100, 100 * used / (used + next)) + '%';
    $('tierNext').textContent = next == null ? '' : t('kwhToNext', next.toFixed ? next.toFixed(1) : next)
      + (bill.tier.projectedCrossingDate ? t('crossing', bill.tier.projectedCrossingDate) : '');
  }

  // The bill's make-up so far (the tariff's own line items, in the page's language) and the last
  // 12 months of billing periods, this one drawn to its projected total.
  async function loadBills(id) {
    const got = await api(`/meters/${id}/bills?from=${localDate(Date.now() - 365 * 86400000)}&to=${localDate(Date.now())}`);
    if (id !== meterId) return;
    bills = got.bills;
    renderBills();
  }
  function renderBills() {
    if (!bill || !bills) return;
    const period = bill.period;
    $('billLinesTitle').textContent = t('linesSoFar', monthDay(period.start), monthDay(period.end));
    const table = $('billLines');
    table.innerHTML = '';
    bill.billSoFar.lines.forEach(l => {
      const row = table.insertRow();
      row.className = l.kind + (l.item.includes('.') ? ' sub' : '');
      row.insertCell().textContent = lang === 'ko' ? l.labelKo : l.labelEn;
      row.insertCell().textContent = t('won', num(l.amountWon));
    });
    // Periods before the meter's first reading bill nothing but the basic charge: left out.
    const shown = bills.slice(bills.findIndex(b => b.energyWh > 0)).slice(-12);
    const current = b => b.period.start === period.start;
    const max = Math.max(1, ...shown.map(b => current(b) ? bill.projected.totalWon : b.totalWon));
    const box = $('billPeriods');
    box.innerHTML = '';
    shown.forEach(past => {
      // this period's figures from /bill, which the page refreshes every 30 s
      const b = current(past) ? { ...past, energyWh: bill.energySoFarWh, totalWon: bill.billSoFar.totalWon } : past;
      const name = document.createElement('span'); name.className = 'name';
      name.textContent = `${monthDay(b.period.start)}–${monthDay(b.period.end)}`;
      const track = document.createElement('div'); track.className = 'track';
      const fill = document.createElement('div'); fill.className = 'fill';
      fill.style.width = (100 * b.totalWon / max).toFixed(1) + '%';
      track.append(fill);
      const value = document.createElement('span'); value.className = 'value';
      value.textContent = `${num(b.energyWh / 1000, 0)} kWh · ${t('won', num(b.totalWon))}`;
      if (!current(b) && b.daysWithData < b.period.days) { // joined part-way: not a cheap month
        const tag = document.createElement('span'); tag.className = 'tag'; tag.textContent = t('partialDays', b.daysWithData, b.period.days);
        name.append(' ', tag);
      }
      if (current(b)) {
        const rest = document.createElement('div'); rest.className = 'fill projected';
        rest.style.width = (100 * Math.max(0, bill.projected.totalWon - b.totalWon) / max).toFixed(1) + '%';
        track.append(rest);
        value.textContent += ` → ${t('won', num(bill.projected.totalWon))}`;
      }
      box.append(name, track, value);
    });
    $('billsCard').hidden = shown.length === 0;
  }

  // Hidden when the meter has no NILM model (the API answers 404).
  let appliances = null;
  // Latest alerts first: the kept ones (tier, budget, a meter gone silent or back), the anomalies of
  // the last 7 days (not kept in the alert log; the server's insights hold them) and live ones from
  // the SSE stream. Each event is listed once: the same event from two sources has the same type and ts.
  const ANOMALY_DAYS = 7;
  let alerts = [];
  const alertId = a => a.type + '@' + a.ts;
  function addAlerts(more) {
    const seen = new Set(alerts.map(alertId));
    const added = more.filter(a => !seen.has(alertId(a)) && seen.add(alertId(a)));
    alerts = alerts.concat(added).sort((a, b) => b.ts - a.ts);
    renderAlerts();
  }
  async function loadAlerts(id) {
    const since = Date.now() - ANOMALY_DAYS * 86400000;
    const [kept, anomalies] = await Promise.all([api(`/meters/${id}/alerts`),
      api(`/meters/${id}/anomalies`).catch(() => ({ events: [] }))]);
    if (id === meterId) addAlerts(kept.alerts.concat(anomalies.events.filter(e => e.ts >= since)));
  }

  function renderAlerts() {
    const list = $('alertList');
    list.innerHTML = '';
    alerts.slice(0, 5).forEach(a => {
      const li = document.createElement('li');
      li.className = a.severity;
      const time = document.createElement('time');
      time.textContent = fmtTime(a.ts / 1000, DAY_CLOCK);
      li.append(time, document.createTextNode(alertText(a)));
      list.append(li);
    });
    $('alertsCard').hidden = alerts.length === 0;
  }

  async function loadAppliances(id) {
    const day = dayShown; // an answer for a meter or day no longer shown is dropped
    let got = null;
    try {
      got = await api(`/meters/${id}/appliances` + (day ? `?from=${day[0]}&to=${day[1]}` : ''));
    } catch (e) { /* no model for this meter (404): the card stays hidden */ }
    if (id !== meterId || day !== dayShown) return;
    appliances = got;
    if (appliances) renderAppliances(); else $('appliancesCard').hidden = true;
  }

  function renderAppliances() {
    if (!appliances) return;
    const rows = appliances.appliances.filter(a => a.energyWh >= 1 || a.appliance === 'unidentified');
    const max = Math.max(1, ...rows.map(a => a.energyWh));
    const box = $('applianceBars');
    box.innerHTML = '';
    // Today: the appliances the online NILM sees on right now, and lanes over the whole local day.
    const onNow = new Set(dayShown ? [] : appliances.onNow || []);
    const span = [appliances.from, dayShown ? appliances.to : localDayEnd(appliances.from)];
    rows.forEach(a => {
      const typical = a.estimate === 'typicalLevel';
      const name = document.createElement('span'); name.className = 'name'; name.textContent = applianceName(a.appliance);
      if (typical) {
        const tag = document.createElement('span'); tag.className = 'tag'; tag.textContent = t('typicalLevel'); name.append(' ', tag);
      }
      if (onNow.has(a.appliance)) {
        const on = document.createElement('span'); on.className = 'on'; on.textContent = t('onNow'); name.append(' ', on);
      }
      const use = document.createElement('div'); use.className = 'use'; use.dataset.appliance = a.appliance;
      const track = document.createElement('div'); track.className = 'track';
      const fill = document.createElement('div');
      fill.className = a.appliance === 'unidentified' ? 'fill other' : typical ? 'fill typical' : 'fill';
      fill.style.width = (100 * a.energyWh / max).toFixed(1) + '%'; track.appendChild(fill);
      use.append(track);
      if (a.onPeriods.length) use.append(lane(a.onPeriods, span));
      const value = document.createElement('span'); value.className = 'value';
      value.textContent = (a.energyWh / 1000).toFixed(2) + ' kWh · ' + t('won', a.costWon.toLocaleString()) + ' · ' + Math.round(a.share * 100) + '%';
      box.append(name, use, value);
    });
    if (rows.some(a => a.onPeriods.length)) box.append(document.createElement('span'), hourAxis(span), document.createElement('span'));
    $('appliancesTypicalNote').hidden = !rows.some(a => a.estimate === 'typicalLevel');
    $('appliancesCard').hidden = false;
  }

  // When an appliance ran: one mark per on-period on a lane over span [from, to) ms; today's hours
  // still to come are shaded.
  function lane(periods, [from, to]) {
    const at = ms => (100 * (Math.min(to, Math.max(from, ms)) - from) / (to - from)).toFixed(2);
    const el = document.createElement('div'); el.className = 'lane';
    periods.forEach(p => {
      const mark = document.createElement('span');
      mark.style.left = at(p.startMs) + '%';
      mark.style.width = Math.max(0.25, at(p.endMs) - at(p.startMs)).toFixed(2) + '%';
      mark.title = `${fmtTime(p.startMs / 1000, CLOCK)}–${fmtTime(p.endMs / 1000, CLOCK)} · ${num(p.avgW)} W`;
      el.append(mark);
    });
    if (!dayShown && appliances.to < to) { // the answer's `to` is the server's now
      const later = document.createElement('i'); later.className = 'later'; later.style.left = at(appliances.to) + '%'; el.append(later);
    }
    return el;
  }
  // Hours of the local day under the lanes, every 6 hours.
  function hourAxis([from, to]) {
    const el = document.createElement('div'); el.className = 'axis';
    for (let ms = from; ms <= to; ms += 6 * 3600000) {
      const label = document.createElement('span');
      label.style.left = (100 * (ms - from) / (to - from)).toFixed(2) + '%';
      label.textContent = ms === to ? '24' : fmtTime(ms / 1000, { hour: '2-digit', hourCycle: 'h23' }).replace(/\D/g, '');
      el.append(label);
    }
    return el;
  }
  // The end of the local day that starts at fromMs: 24 hours on, ±1 across a DST change.
  function localDayEnd(fromMs) {
    const end = fromMs + 86400000, hour = tzDate(end / 1000).getHours();
    return hour === 23 ? end + 3600000 : hour === 1 ? end - 3600000 : end;
  }

  // The household's settings (PUT /meters/{id}): the bill depends on the tariff and the reading day.
  let meterRecords = [];
  let access = { scope: 'read', meterId: null };
  async function openSettings() {
    const m = meterRecords.find(r => r.meterId === meterId);
    if (!m) return;
    const { tariffs } = await api('/tariffs');
    $('setTariff').innerHTML = '';
    tariffs.forEach(tf => $('setTariff').add(new Option(lang === 'ko' ? tf.nameKo : tf.nameEn, tf.id)));
    $('setReadingDay').innerHTML = '';
    for (let d = 1; d <= 28; d++) $('setReadingDay').add(new Option(String(d), String(d)));
    $('setReadingDay').add(new Option(t('monthEnd'), '0'));
    $('setName').value = m.settings.name || '';
    $('setTariff').value = m.settings.tariffId;
    $('setReadingDay').value = String(m.settings.meterReadingDay);
    $('setZone').value = m.settings.timezone;
    $('setBudget').value = m.settings.budgetWon ?? '';
    const admin = access.scope === 'admin';
    $('webhookRow').hidden = $('shareRow').hidden = !admin; // the tenant's webhook and keys are an admin's
    $('shareLink').hidden = true;
    if (!admin) { $('settingsError').hidden = true; $('settingsCard').hidden = false; return; }
    const hook = await api('/alert-webhook');
    webhookUrl = hook.url || '';
    $('setWebhook').value = webhookUrl;
    $('webhookStatus').textContent = hook.url ? t('webhookStatus', num(hook.delivered), num(hook.failed), num(hook.dropped))
      + (hook.lastError ? t('lastError', hook.lastError) : '') : '';
    $('settingsError').hidden = true;
    $('settingsCard').hidden = false;
  }
  // A household's own key: read-only, bound to this meter (POST /keys), handed over as a dashboard link.
  $('shareMake').onclick = async () => {
    try {
      const made = await api('/keys', { method: 'POST', body: { scope: 'read', meterId, name: `view link ${new Date().toISOString().slice(0, 10)}` } });
      $('shareLink').value = `${location.origin}/#key=${encodeURIComponent(made.key)}&meter=${encodeURIComponent(meterId)}`;
      $('shareLink').hidden = false;
      $('shareLink').select();
    } catch (err) { $('settingsError').textContent = err.message; $('settingsError').hidden = false; }
  };
  // The tenant's alert webhook, changed only when its field was (it needs an admin key).
  let webhookUrl = '';
  async function saveWebhook() {
    if (access.scope !== 'admin') return;
    const url = $('setWebhook').value.trim();
    if (url === webhookUrl) return;
    if (url) await api('/alert-webhook', { method: 'PUT', body: { url } });
    else await GridPulseSession.fetchApi('/alert-webhook', { method: 'DELETE' });
    webhookUrl = url;
  }
  $('settingsButton').onclick = () => openSettings().catch(showError);
  $('settingsCancel').onclick = () => { $('settingsCard').hidden = true; };
  $('settingsForm').onsubmit = async e => {
    e.preventDefault();
    const budget = $('setBudget').value.trim();
    try {
      await saveWebhook(); // first: a mistyped URL is the likelier refusal, and then nothing is saved
      const saved = await api(`/meters/${encodeURIComponent(meterId)}`, { method: 'PUT', body: {
        name: $('setName').value.trim(), tariffId: $('setTariff').value, meterReadingDay: Number($('setReadingDay').value),
        timezone: $('setZone').value.trim(), budgetWon: budget === '' ? null : Number(budget) } });
      meterRecords = meterRecords.map(r => r.meterId === saved.meterId ? saved : r);
      const option = [...$('meter').options].find(o => o.value === saved.meterId);
      if (option) option.text = saved.settings.name ? `${saved.meterId} · ${saved.settings.name}` : saved.meterId;
      $('settingsCard').hidden = true;
      await loadMeter(saved.meterId, saved.settings.timezone, saved.lastReading);
    } catch (err) {
      $('settingsError').textContent = err.message;
      $('settingsError').hidden = false;
    }
  };

  // Meters by the beginning of their id (GET /meters?prefix=), offered as the user types; one picked
  // from the offers, or typed whole and entered, calls onPick (not while typing: meter-1 may be meter-10's start).
  function findMeters(onPick) {
    const input = $('meterFind');
    let found = [], timer = null;
    const pick = () => {
      const picked = found.find(m => m.meterId === input.value.trim());
      if (picked) { input.value = ''; onPick(picked); }
    };
    input.onchange = pick;
    input.oninput = e => {
      clearTimeout(timer);
      if (e.inputType === 'insertReplacementText') { pick(); return; } // chosen from the offered list
      const prefix = input.value.trim();
      if (!prefix) return;
      timer = setTimeout(async () => {
        found = (await api(`/meters?prefix=${encodeURIComponent(prefix)}&limit=20`).catch(() => ({ meters: [] }))).meters;
        $('meterFound').replaceChildren(...found.map(m => new Option(m.settings.name || '', m.meterId)));
      }, 250);
    };
  }

  async function start() {
    applyLang();
    if (!GridPulseSession.hasKey()) { showLogin(); return; }
    try {
      access = await api('/key'); // what this key may do: a household's key (one meter, read) gets no ⚙
      const { meters, next } = await api('/meters'); // the first page: a household's meters, or a fleet's first 1,000
      $('meterFind').hidden = !next; // a larger fleet: the rest are found by id
      const wanted = localStorage.getItem('gp.meter');
      if (wanted && !meters.some(m => m.meterId === wanted)) { // e.g. a fleet page's link to a meter further on
        const one = await api(`/meters/${encodeURIComponent(wanted)}`).catch(() => null);
        if (one) meters.push(one);
      }
      meterRecords = meters;
      $('settingsButton').hidden = access.scope === 'read' || access.meterId !== null;
      const select = $('meter');
      select.innerHTML = '';
      meters.forEach(m => select.add(new Option(m.settings.name ? `${m.meterId} · ${m.settings.name}` : m.meterId, m.meterId)));
      if (!meters.length) { showError(t('noMeters')); return; }
      $('fleetLink').hidden = meters.length < 2; // an operator's tenant: its fleet page
      // Default to the meter chosen last time, else the one that reported most recently.
      const recent = [...meters].sort((a, b) => (b.lastReading?.ts || 0) - (a.lastReading?.ts || 0))[0];
      const saved = meters.find(m => m.meterId === localStorage.getItem('gp.meter'));
      select.value = (saved || recent).meterId;
      const meterOf = id => meterRecords.find(m => m.meterId === id); // as saved by the settings form
      const load = id => loadMeter(id, meterOf(id).settings.timezone, meterOf(id).lastReading);
      select.onchange = () => { localStorage.setItem('gp.meter', select.value); load(select.value).catch(showError); };
      findMeters(async found => { // a meter beyond the first page: into the list, then shown
        if (!meterOf(found.meterId)) {
          meterRecords.push(found);
          select.add(new Option(found.settings.name ? `${found.meterId} · ${found.settings.name}` : found.meterId, found.meterId));
        }
        select.value = found.meterId;
        select.onchange();
      });
      await load(select.value);
      setInterval(() => meterId && loadBill(meterId).catch(() => {}), 30000);
      setInterval(() => meterId && loadAppliances(meterId), 300000);
    } catch (e) { if (e.message !== 'unauthorized') showError(e); }
  }

  GridPulseSession.onKeyEntered(() => { makeCharts(); start(); });
  $('lang').onclick = () => { lang = lang === 'ko' ? 'en' : 'ko'; localStorage.setItem('gp.lang', lang); applyLang(); makeCharts(); showNowAt(); renderAppliances(); renderAlerts(); renderBills(); showDays(); if (meterId) loadBill(meterId).catch(() => {}); };
  start();
})();

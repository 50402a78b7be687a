// GridPulse fleet page for operators: how many meters report, which went silent, the fleet's hourly energy.
(() => {
  const TEXT = {
    ko: { fleet: '운영', dashboard: '가정용 대시보드', needKey: '테넌트의 API 키를 입력하세요.', connect: '연결', meters: '계량기',
      reporting: '보고 중', silent: '응답 없음', today: '오늘 전체 사용량', sinceMidnight: '이 컴퓨터 시각 자정부터',
      hourly: '시간별 전체 사용량 (최근 48시간)', silentMeters: '응답 없는 계량기 (오래된 순)', meter: '계량기', lastReading: '마지막 수신',
      silentFor: '끊긴 시간', noneSilent: '지켜보는 모든 계량기가 보고하고 있습니다.', share: '전체의 {0}%', rule: '{0} 넘게 값이 없으면',
      tenant: '테넌트 {0}', more: '외 {0}대', energy: '사용량 (kWh)', reportingMeters: '보고한 계량기', time: '시각',
      find: '계량기 찾기', findHint: '계량기 ID 또는 그 앞부분', findButton: '찾기', name: '이름', lastReadingTs: '마지막 측정',
      noneFound: '"{0}"(으)로 시작하는 계량기가 없습니다.', moreFound: '처음 {0}대만 보여 줍니다. 더 길게 입력해 보세요.',
      backups: '백업', backupNow: '지금 백업', backingUp: '백업 중…', noBackup: '없음', ago: '{0} 전', justNow: '방금',
      backupInfo: '{0}개 보관 · 최근 {1}', backupNone: '아직 백업이 없습니다',
      storeRefusing: '저장소가 쓰기를 거부하고 있습니다 (디스크 여유 {0}): 측정값이 저장되지 않습니다. 공간을 비우면 다음 쓰기부터 다시 받습니다. 조회는 계속됩니다.',
      storeUnavailable: '저장소를 사용할 수 없습니다: 실패한 쓰기 뒤 다시 열지 못했습니다. 서버를 다시 시작하세요.',
      footer: 'GridPulse — 초 단위 가정 전력 데이터를 위한 오픈 플랫폼', langButton: 'English' },
    en: { fleet: 'Fleet', dashboard: 'Household dashboard', needKey: 'Enter an API key of your tenant.', connect: 'Connect', meters: 'Meters',
      reporting: 'Reporting', silent: 'Silent', today: 'Fleet energy today', sinceMidnight: 'since your local midnight',
      hourly: 'Fleet energy per hour, last 48 hours', silentMeters: 'Silent meters, longest first', meter: 'Meter', lastReading: 'Last data received',
      silentFor: 'Silent for', noneSilent: 'Every watched meter is reporting.', share: '{0}% of all', rule: 'no reading for over {0}',
      tenant: 'tenant {0}', more: '{0} more', energy: 'Energy (kWh)', reportingMeters: 'Meters reporting', time: 'Time',
      find: 'Find a meter', findHint: 'meter id, or its beginning', findButton: 'Find', name: 'Name', lastReadingTs: 'Last reading',
      noneFound: 'No meter id starts with "{0}".', moreFound: 'The first {0} shown: type more of the id.',
      backups: 'Backups', backupNow: 'Back up now', backingUp: 'Backing up…', noBackup: 'none', ago: '{0} ago', justNow: 'just now',
      backupInfo: '{0} kept · newest {1}', backupNone: 'no backup yet',
      storeRefusing: 'The store refuses writes since one failed ({0} free on its disk): readings are not being stored. Free space and the next write is accepted again; reads go on.',
      storeUnavailable: 'The store is unavailable: it could not be reopened after a failed write. Restart the server.',
      footer: 'GridPulse — open platform for per-second household electricity data.', langButton: '한국어' },
  };
  let lang = localStorage.getItem('gp.lang') || (navigator.language.startsWith('ko') ? 'ko' : 'en');
  const t = (k, ...a) => (TEXT[lang][k] || k).replace(/\{(\d)\}/g, (_, i) => a[i]);
  const $ = id => document.getElementById(id);
  const num = (v, digits = 0) => Number(v).toLocaleString(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const duration = ms => {
    const m = Math.floor(ms / 60000), h = Math.floor(m / 60), d = Math.floor(h / 24);
    if (lang === 'ko') return d ? `${d}일 ${h % 24}시간` : h ? `${h}시간 ${m % 60}분` : `${m}분`;
    return d ? `${d} d ${h % 24} h` : h ? `${h} h ${m % 60} min` : `${m} min`;
  };
  const when = ms => new Date(ms).toLocaleString(lang, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

  const { api, showLogin } = GridPulseSession;
  function showError(e) { if (e.message !== 'unauthorized') { $('error').hidden = false; $('error').textContent = String(e.message || e); } }

  let status = null, usage = null, chart = null, backups = null, health = null;
  function applyLang() {
    GridPulseSession.applyTexts(lang, t);
    makeChart();
    render();
  }

  function makeChart() {
    if (chart) chart.destroy();
    chart = new uPlot({ width: Math.min(1150, $('fleetChart').clientWidth), height: 240,
      scales: { x: { time: true }, kwh: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] },
        n: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
      // times in the page's language and the viewer's zone: hours, and the date at midnight
      axes: [{ space: 60, values: (u, splits) => splits.map(ts => new Date(ts * 1e3).getHours() === 0
          ? new Date(ts * 1e3).toLocaleDateString(lang, { month: 'short', day: 'numeric' })
          : new Date(ts * 1e3).toLocaleTimeString(lang, { hour: 'numeric' })) },
        { scale: 'kwh', label: 'kWh' }, { scale: 'n', side: 1, grid: { show: false } }],
      series: [{ label: t('time'), value: (u, ts) => ts == null ? '--' : when(ts * 1e3) },
        { label: t('energy'), scale: 'kwh', stroke: '#2fb36d', fill: '#2fb36d55', paths: uPlot.paths.bars({ size: [0.7] }) },
        { label: t('reportingMeters'), scale: 'n', stroke: '#1f7ae0', width: 1.5 }] },
      usage ? chartData() : [[], [], []], $('fleetChart'));
  }
  const chartData = () => [usage.ts.map(ms => ms / 1000 + 1800), usage.totalWh.map(wh => wh / 1000), usage.metersReporting];

  function render() {
    if (status) {
      $('meterCount').textContent = num(status.meters);
      $('tenant').textContent = t('tenant', status.tenant);
      $('reportingCount').textContent = num(status.reporting);
      $('reportingShare').textContent = status.meters ? t('share', num(100 * status.reporting / status.meters, 1)) : '';
      $('silentCount').textContent = num(status.silentCount);
      $('silentRule').textContent = t('rule', duration(status.silentAfterMs));
      const body = $('silentTable').tBodies[0];
      body.innerHTML = '';
      status.silent.forEach(m => {
        const row = body.insertRow();
        const link = document.createElement('a');
        link.href = '/#meter=' + encodeURIComponent(m.meterId);
        link.textContent = m.meterId;
        row.insertCell().append(link);
        row.insertCell().textContent = when(m.lastArrivalMs);
        row.insertCell().textContent = duration(m.silentForMs);
      });
      if (status.silentCount > status.silent.length) {
        body.insertRow().insertCell().textContent = t('more', num(status.silentCount - status.silent.length));
      }
      $('silentTable').hidden = status.silent.length === 0;
      $('silentNone').hidden = status.silent.length > 0;
    }
    renderBackups();
    renderHealth();
    if (usage) {
      chart.setData(chartData());
      const midnight = new Date(); midnight.setHours(0, 0, 0, 0);
      const today = usage.ts.reduce((sum, ms, i) => ms >= midnight.getTime() ? sum + usage.totalWh[i] : sum, 0);
      $('todayKwh').textContent = num(today / 1000, 1);
    }
  }

  // The server's backups: only the server owner's key may see them (the card stays hidden for others).
  const megabytes = bytes => num(bytes / 1e6, bytes < 1e7 ? 1 : 0) + ' MB';
  function renderBackups() {
    $('backupCard').hidden = !backups;
    if (!backups) return;
    const newest = backups.backups[0];
    const age = newest ? Math.max(0, Date.now() - Date.parse(newest.createdAt)) : 0;
    $('backupAge').textContent = !newest ? t('noBackup') : age < 60000 ? t('justNow') : t('ago', duration(age));
    $('backupInfo').textContent = newest ? t('backupInfo', num(backups.backups.length), megabytes(newest.bytes))
      : t('backupNone');
    $('backupCard').title = backups.folder; // long paths would not fit the card
  }
  // The server's own state (GET /health, no key): a full disk stops every meter's data, so it says so first.
  function renderHealth() {
    const warn = $('storeWarning');
    warn.hidden = !health || health.status === 'ok';
    if (!warn.hidden) warn.textContent = health.status === 'degraded' ? t('storeRefusing', megabytes(health.store.freeBytes))
      : t('storeUnavailable');
  }
  async function loadHealth() {
    health = await fetch('/api/v1/health').then(r => r.json()).catch(() => null);
    renderHealth();
  }

  async function loadBackups() {
    backups = await api('/backups').catch(() => null);
    renderBackups();
  }
  $('backupNow').onclick = async () => {
    $('backupNow').disabled = true;
    $('backupNow').textContent = t('backingUp');
    try {
      await api('/backups', { method: 'POST' });
      await loadBackups();
    } catch (e) { showError(e); } finally {
      $('backupNow').disabled = false;
      $('backupNow').textContent = t('backupNow');
    }
  };

  // Meters by the beginning of their id (GET /meters?prefix=), each linked to its dashboard.
  const FOUND = 20;
  async function find(prefix) {
    const { meters, next } = await api(`/meters?prefix=${encodeURIComponent(prefix)}&limit=${FOUND}`);
    const body = $('findTable').tBodies[0];
    body.innerHTML = '';
    meters.forEach(m => {
      const row = body.insertRow();
      const link = document.createElement('a');
      link.href = '/#meter=' + encodeURIComponent(m.meterId);
      link.textContent = m.meterId;
      row.insertCell().append(link);
      row.insertCell().textContent = m.settings.name || '';
      row.insertCell().textContent = m.lastReading ? when(m.lastReading.ts) : '–';
    });
    $('findTable').hidden = meters.length === 0;
    $('findNone').hidden = meters.length > 0 && !next;
    $('findNone').textContent = meters.length === 0 ? t('noneFound', prefix) : t('moreFound', FOUND);
  }
  $('findForm').onsubmit = e => { e.preventDefault(); find($('findInput').value.trim()).catch(showError); };

  async function load() {
    loadHealth(); // first: when the store fails, the other requests may too
    const now = Date.now();
    const [s, u] = await Promise.all([api('/fleet/status'),
      api(`/usage?perMeter=false&from=${now - 48 * 3600000}&to=${now}`)]);
    status = s; usage = u;
    render();
    loadBackups();
  }

  async function start() {
    applyLang();
    if (!GridPulseSession.hasKey()) { showLogin(); return; }
    try {
      await load();
      setInterval(() => load().catch(showError), 30000);
    } catch (e) { showError(e); }
  }
  GridPulseSession.onKeyEntered(() => { makeChart(); start(); });
  $('lang').onclick = () => { lang = lang === 'ko' ? 'en' : 'ko'; localStorage.setItem('gp.lang', lang); applyLang(); };
  start();
})();

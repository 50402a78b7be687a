// What the dashboard and the fleet page share: the API key (from #key=… in the URL GridPulse
// prints, or the key form; kept in localStorage), API calls with it, the key form, shown when
// there is no key or the server refuses it, and the fixed texts in the page's language.
// #meter=… (the fleet page's links) is kept for the dashboard.
const GridPulseSession = (() => {
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get('key')) localStorage.setItem('gp.key', hash.get('key'));
  if (hash.get('meter')) localStorage.setItem('gp.meter', hash.get('meter'));
  if (location.hash) history.replaceState(null, '', location.pathname);
  let key = localStorage.getItem('gp.key');
  const $ = id => document.getElementById(id);

  // Until a key is entered there is nothing to show but the key form (empty charts have no axes to speak of).
  function showLogin() { $('login').hidden = false; document.body.classList.add('no-key'); }

  /** The API's answer to /api/v1 + path (GET, or {method, body} with a JSON body); an error with the problem's detail unless 2xx (401: the key form). */
  async function fetchApi(path, { method = 'GET', body } = {}) {
    const headers = { Authorization: 'Bearer ' + key };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch('/api/v1' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status === 401) { showLogin(); throw new Error('unauthorized'); }
    if (!res.ok) { const p = await res.json().catch(() => ({})); throw new Error(p.detail || res.statusText); }
    return res;
  }

  /** The page's fixed texts in its language: data-i18n (text), data-i18n-title, data-i18n-placeholder name keys of t. */
  function applyTexts(lang, t) {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(el => el.textContent = t(el.dataset.i18n));
    document.querySelectorAll('[data-i18n-title]').forEach(el => el.title = t(el.dataset.i18nTitle));
    document.querySelectorAll('[data-i18n-placeholder]').forEach(el => el.placeholder = t(el.dataset.i18nPlaceholder));
    $('lang').textContent = t('langButton');
  }

  return {
    applyTexts,
    hasKey: () => !!key,
    /** For what cannot send a header: the live stream's ?access_token=. */
    key: () => key,
    fetchApi,
    api: async (path, init) => (await fetchApi(path, init)).json(),
    showLogin,
    /** On the key form's submit: keep the key, hide the form, then {@code onKey} (the page starts with it). */
    onKeyEntered(onKey) {
      $('keyForm').onsubmit = e => {
        e.preventDefault();
        key = $('keyInput').value.trim();
        localStorage.setItem('gp.key', key);
        $('login').hidden = true;
        document.body.classList.remove('no-key');
        onKey();
      };
    },
  };
})();

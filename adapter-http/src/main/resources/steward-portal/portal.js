// The Steward portal. It calls the same Graph v1.0 API any client calls, with the session cookie
// set at sign-in and the session's CSRF token on every change; the server checks every rule
// again, so hiding a button here is a courtesy, never the protection. Pages are drawn with DOM
// calls and textContent only: nothing from the API is ever parsed as HTML.
'use strict';

(function () {
  const EM = '/v1.0/identityGovernance/entitlementManagement';
  const ROLES = '/v1.0/roleManagement/entitlementManagement';

  /** The catalog roles, in the order the page lists them, with the task that manages each. */
  const CATALOG_ROLES = [
    { name: 'Catalog owner', add: 'Add catalog owners', task: 'manageCatalogOwners' },
    { name: 'Catalog reader', add: 'Add catalog readers', task: 'manageCatalogReadersAndAssignmentManagers' },
    { name: 'Access package manager', add: 'Add access package managers', task: 'manageAccessPackageManagers' },
    { name: 'Access package assignment manager', add: 'Add access package assignment managers', task: 'manageCatalogReadersAndAssignmentManagers' },
  ];

  /** What each stable error code means, in words for a person. */
  const MESSAGES = {
    LastCatalogOwner: 'A catalog must keep at least one owner. Add another owner before removing this one.',
    UnAuthorized: 'You are not allowed to do that here.',
    PrincipalNotFound: 'That user or group no longer exists in the directory.',
    RoleAssignmentAlreadyExists: 'already holds that role.',
    ResourceNotFound: 'That item no longer exists. Someone may have removed it; reload the page.',
    RequestorNotInPolicyScope: 'You are not among the people this access package may be requested by.',
    ExistingAssignment: 'You already have this access package, or a request for it is open.',
    IncompatibleAccess: 'This access package cannot be combined with access you already have.',
    NoApproverAvailable: 'Nobody is available to approve this request, so it cannot be submitted.',
    RequestNotPending: 'That request has already been decided or cancelled.',
    RequestNotAllowedByPolicy: 'This access package\u2019s policy does not allow that.',
    CsrfTokenInvalid: 'Your session could not be verified. Reload the page and try again.',
    CrossSiteRequestRefused: 'The request came from another site and was refused.',
    ServiceUnavailable: 'Steward cannot reach the directory or the database right now. Try again in a moment.',
    InvalidCredentials: 'That user name and password were not accepted.',
    AlreadyExists: 'That already exists.',
  };

  /** Request types and states in words. */
  const WORDS = {
    userAdd: 'Request for access', userRemove: 'Giving up access', userExtend: 'Extension',
    adminAdd: 'Assigned by an administrator', adminRemove: 'Removed by an administrator',
    submitted: 'Submitted', pendingApproval: 'Waiting for approval', delivering: 'Being delivered',
    delivered: 'Delivered', deliveryFailed: 'Delivery failed', denied: 'Denied', scheduled: 'Scheduled',
    canceled: 'Cancelled', expired: 'Expired',
  };
  const words = (x) => WORDS[x] || x;

  const state = { csrf: null, user: null, me: null, roleIds: null };
  const main = document.getElementById('main');
  const menu = document.getElementById('menu');
  const notice = document.getElementById('notice');

  // ------------------------------------------------------------------ small helpers

  /** Makes an element: h('a', {href: '#/'}, 'text', child…). Strings become text nodes. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message || ('HTTP ' + status));
      this.status = status;
      this.code = code;
    }
  }

  /** The words to show for a failure. */
  function explain(err, subject) {
    if (!(err instanceof ApiError)) return 'Something went wrong: ' + err.message;
    if (err.code === 'RoleAssignmentAlreadyExists') return (subject || 'That user') + ' ' + MESSAGES.RoleAssignmentAlreadyExists;
    if (err.code === 'InvalidModel') return 'Please check the form: ' + err.message;
    if (err.code === 'InvalidDeleteResourceHasEntitlements') return 'This cannot be removed yet: ' + err.message;
    const words = MESSAGES[err.code];
    return words ? (subject ? subject + ': ' + words : words) : err.message;
  }

  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json', 'X-Steward-Portal': '1' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
    const res = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 401 && !path.startsWith('/portal/session')) {
      state.csrf = null;
      showSignIn('Your session has ended. Please sign in again.');
      throw new ApiError(401, 'NotSignedIn', 'Not signed in');
    }
    if (res.status === 204) return null;
    const data = await res.json().catch(() => null);
    if (!res.ok) {
      const e = data && data.error ? data.error : {};
      throw new ApiError(res.status, e.code, e.message);
    }
    return data;
  }

  const get = (path) => api('GET', path);
  const q = (s) => encodeURIComponent(s);
  const quoteOData = (s) => String(s).replace(/'/g, "''");

  function say(text) {
    notice.textContent = text;
    clearTimeout(say.timer);
    say.timer = setTimeout(() => { notice.textContent = ''; }, 6000);
  }

  /** A message box at the top of the page: errors, or a success. */
  function messageBox(lines, ok) {
    const list = Array.isArray(lines) ? lines : [lines];
    return h('div', { class: ok ? 'message ok' : 'message', role: ok ? 'status' : 'alert', id: 'page-message' },
      list.length === 1 ? list[0] : h('ul', {}, list.map((l) => h('li', {}, l))));
  }

  function showMessage(lines, ok) {
    const old = document.getElementById('page-message');
    if (old) old.remove();
    const box = messageBox(lines, ok);
    const heading = main.querySelector('h1');
    if (heading) heading.after(box); else main.prepend(box);
    return box;
  }

  function page(title, ...content) {
    main.replaceChildren(h('h1', {}, title), ...content);
    document.title = title + ' \u2013 Steward';
    main.focus();
  }

  function setMenu(sections) {
    menu.hidden = !sections;
    if (!sections) { menu.replaceChildren(); return; }
    const here = location.hash || '#/';
    menu.replaceChildren(...sections.map((s) => [
      s.title ? h('h2', {}, s.title) : null,
      h('ul', {}, s.links.map(([label, href]) =>
        h('li', {}, h('a', { href, 'aria-current': here === href ? 'page' : null }, label)))),
    ]).flat());
  }

  function governanceMenu() {
    setMenu([{ title: 'Identity Governance', links: [
      ['Overview', '#/governance'], ['Catalogs', '#/catalogs'],
      ['My access', '#/my-access'], ['Approvals', '#/approvals'], ['Access reviews', '#/reviews'],
      ['Audit log', '#/audit'],
    ] }]);
  }

  function catalogMenu(id, name) {
    const base = '#/catalogs/' + id;
    setMenu([
      { title: 'Identity Governance', links: [['Catalogs', '#/catalogs']] },
      { title: name, links: [
        ['Overview', base], ['Resources', base + '/resources'],
        ['Access packages', base + '/packages'], ['Roles and administrators', base + '/roles'],
        ['Custom extensions', base + '/extensions'],
        ['Audit log', base + '/audit'],
      ] },
    ]);
  }

  function table(headers, rows, empty) {
    if (!rows.length) return h('p', { class: 'empty' }, empty);
    return h('table', { class: 'responsive' },
      h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col', class: x === '' ? 'check' : null }, x)))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c, i) =>
        h('td', { 'data-label': headers[i] || null, class: headers[i] === '' ? 'check' : null }, c))))));
  }

  /** The tasks the caller may do in a scope: a Set of task names. */
  async function allowedTasks(scope) {
    const path = ROLES + '/myPermissions' + (scope ? '?appScopeId=' + q(scope) : '');
    const p = await get(path);
    return new Set(p.permissions.filter((d) => d.allowed).map((d) => d.task));
  }

  async function roleIds() {
    if (!state.roleIds) {
      const defs = await get(ROLES + '/roleDefinitions');
      state.roleIds = Object.fromEntries(defs.value.map((d) => [d.displayName, d.id]));
    }
    return state.roleIds;
  }

  async function allPages(path) {
    const out = [];
    let next = path;
    while (next) {
      const res = await get(next);
      out.push(...res.value);
      const link = res['@odata.nextLink'];
      next = link ? link.replace(/^https?:\/\/[^/]+/, '') : null;
    }
    return out;
  }

  function when(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString();
  }

  // ------------------------------------------------------------------ dialogs

  /** A modal dialog; resolves with what `onOk` returns, or null when cancelled. */
  function dialog(title, body, okLabel, onOk) {
    return new Promise((resolve) => {
      const error = h('p', { class: 'error', role: 'alert' });
      const ok = h('button', { type: 'submit', class: 'primary' }, okLabel);
      const cancel = h('button', { type: 'button' }, 'Cancel');
      const form = h('form', { method: 'dialog' },
        h('div', { class: 'head' }, h('h2', {}, title)),
        h('div', { class: 'body' }, body, error),
        h('div', { class: 'foot' }, ok, cancel));
      const dlg = h('dialog', { 'aria-label': title }, form);
      let done = false;
      const finish = (value) => { if (!done) { done = true; dlg.close(); dlg.remove(); resolve(value); } };
      cancel.addEventListener('click', () => finish(null));
      dlg.addEventListener('cancel', (e) => { e.preventDefault(); finish(null); });
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        ok.disabled = true;
        error.textContent = '';
        try {
          finish(await onOk());
        } catch (err) {
          error.textContent = err instanceof ApiError || err instanceof Error ? (err.userText || explain(err)) : String(err);
          ok.disabled = false;
        }
      });
      document.body.append(dlg);
      dlg.showModal();
      const first = dlg.querySelector('input, textarea, select');
      (first || ok).focus();
    });
  }

  const confirmDialog = (title, text, okLabel) =>
    dialog(title, h('p', {}, text), okLabel, async () => true);

  function formError(text) {
    const e = new Error(text);
    e.userText = text;
    return e;
  }

  /**
   * The directory picker: searches users (and groups, unless usersOnly) as you type; several can
   * be ticked; "Select" resolves with the chosen principals.
   */
  function pickPrincipals(title, usersOnly) {
    const chosen = new Map();
    const input = h('input', { type: 'search', id: 'picker-search', autocomplete: 'off',
      'aria-describedby': 'picker-hint', 'aria-controls': 'picker-results' });
    const results = h('ul', { class: 'results', id: 'picker-results', 'aria-live': 'polite' });
    const selected = h('ul', { class: 'chips', id: 'picker-selected', 'aria-label': 'Selected' });
    const count = h('p', { class: 'hint', id: 'picker-count' }, 'Nothing selected yet.');
    let seq = 0;

    function redrawSelected() {
      selected.replaceChildren(...[...chosen.values()].map((p) => h('li', {}, p.displayName)));
      count.textContent = chosen.size ? chosen.size + ' selected' : 'Nothing selected yet.';
    }

    async function search() {
      const mine = ++seq;
      const text = input.value.trim();
      const term = text ? '?$search=' + q('"' + text + '"') + '&$top=25' : '?$top=25';
      try {
        const lists = await Promise.all([
          get('/v1.0/users' + term),
          usersOnly ? Promise.resolve({ value: [] }) : get('/v1.0/groups' + term),
        ]);
        if (mine !== seq) return;
        const found = lists.flatMap((l) => l.value);
        results.replaceChildren(...(found.length ? found.map((p) => {
          const isGroup = p['@odata.type'] === '#microsoft.graph.group';
          const box = h('input', { type: 'checkbox', value: p.id, checked: chosen.has(p.id),
            onchange: () => { if (box.checked) chosen.set(p.id, p); else chosen.delete(p.id); redrawSelected(); } });
          return h('li', {}, h('label', {}, box,
            h('span', {}, p.displayName, ' ', h('span', { class: 'hint' }, p.userPrincipalName || p.mailNickname || '')),
            h('span', { class: 'kind' }, isGroup ? 'Group' : 'User')));
        }) : [h('li', { class: 'empty' }, 'No users or groups match.')]));
      } catch (err) {
        if (err.status !== 401) results.replaceChildren(h('li', { class: 'error' }, explain(err)));
      }
    }

    let timer = null;
    input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 200); });
    search();
    const body = [
      h('label', { for: 'picker-search' }, usersOnly ? 'Search users' : 'Search users and groups'),
      input,
      h('p', { class: 'hint', id: 'picker-hint' }, 'Type part of a name or login, then tick everyone to add.'),
      results, count, selected,
    ];
    return dialog(title, body, 'Select', async () => {
      if (!chosen.size) throw formError('Tick at least one user or group, or choose Cancel.');
      return [...chosen.values()];
    });
  }

  // ------------------------------------------------------------------ sign-in

  function showSignIn(why) {
    setMenu(null);
    document.getElementById('who').textContent = '';
    document.getElementById('sign-out').hidden = true;
    const error = h('p', { class: 'error', role: 'alert', id: 'sign-in-error' }, why || '');
    const user = h('input', { type: 'text', id: 'username', name: 'username', autocomplete: 'username', required: true });
    const pass = h('input', { type: 'password', id: 'password', name: 'password', autocomplete: 'current-password', required: true });
    const form = h('form', { class: 'stack signin', id: 'sign-in' },
      h('h1', {}, 'Sign in to Steward'),
      h('p', { class: 'hint' }, 'Use your directory user name and password.'),
      error,
      h('label', { for: 'username' }, 'User name'), user,
      h('label', { for: 'password' }, 'Password'), pass,
      h('p', {}, h('button', { type: 'submit', class: 'primary', id: 'sign-in-button' }, 'Sign in')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      try {
        const s = await api('POST', '/portal/session', { username: user.value, password: pass.value });
        await started(s);
      } catch (err) {
        error.textContent = explain(err);
        pass.value = '';
        pass.focus();
      }
    });
    main.replaceChildren(form);
    document.title = 'Sign in \u2013 Steward';
    user.focus();
  }

  async function started(session) {
    state.csrf = session.csrfToken;
    state.user = session.user;
    state.me = await get('/v1.0/me').catch(() => null);
    document.getElementById('who').textContent =
      'Signed in as ' + (state.me ? state.me.displayName : session.user.login);
    document.getElementById('sign-out').hidden = false;
    route();
  }

  document.getElementById('sign-out').addEventListener('click', async () => {
    try { await api('DELETE', '/portal/session'); } catch (e) { /* signed out either way */ }
    state.csrf = null;
    location.hash = '#/';
    showSignIn('You have signed out.');
  });

  // ------------------------------------------------------------------ pages

  function home() {
    setMenu(null);
    page('Steward',
      h('p', {}, 'Entitlement management for your directory.'),
      h('div', { class: 'tiles' },
        h('div', { class: 'tile' }, h('a', { href: '#/governance', id: 'identity-governance' }, 'Identity Governance'),
          h('p', { class: 'hint' }, 'Catalogs, access packages, and who administers them.')),
        h('div', { class: 'tile' }, h('a', { href: '#/my-access' }, 'My access'),
          h('p', { class: 'hint' }, 'Request access packages; see your requests and access.')),
        h('div', { class: 'tile' }, h('a', { href: '#/approvals' }, 'Approvals'),
          h('p', { class: 'hint' }, 'Decide the requests that wait for you.')),
        h('div', { class: 'tile' }, h('a', { href: '#/reviews' }, 'Access reviews'),
          h('p', { class: 'hint' }, 'Review who still needs their access; follow the reviews you govern.'))));
  }

  function governance() {
    governanceMenu();
    page('Identity Governance',
      h('p', {}, 'Choose ', h('a', { href: '#/catalogs' }, 'Catalogs'),
        ' to open a catalog, its access packages, and its roles and administrators.'));
  }

  async function catalogs() {
    governanceMenu();
    const [list, tasks] = await Promise.all([allPages(EM + '/catalogs'), allowedTasks(null)]);
    const toolbar = h('div', { class: 'toolbar' });
    if (tasks.has('createCatalog')) {
      toolbar.append(h('button', { type: 'button', class: 'primary', id: 'new-catalog', onclick: newCatalog }, 'New catalog'));
    }
    page('Catalogs', toolbar, table(['Name', 'Description', 'State'],
      list.map((c) => [h('a', { href: '#/catalogs/' + c.id }, c.displayName), c.description || '', c.state || '']),
      'There are no catalogs you may see.'));
  }

  async function newCatalog() {
    const name = h('input', { type: 'text', id: 'catalog-name', required: true, maxlength: 256 });
    const desc = h('textarea', { id: 'catalog-description', rows: 3 });
    const made = await dialog('New catalog', [
      h('label', { for: 'catalog-name' }, 'Name'), name,
      h('label', { for: 'catalog-description' }, 'Description'), desc,
    ], 'Create', () => api('POST', EM + '/catalogs', { displayName: name.value, description: desc.value }));
    if (made) location.hash = '#/catalogs/' + made.id;
  }

  async function catalogOverview(id) {
    const c = await get(EM + '/catalogs/' + id);
    catalogMenu(id, c.displayName);
    page(c.displayName,
      h('dl', {},
        h('dt', {}, 'Description'), h('dd', {}, c.description || '\u2014'),
        h('dt', {}, 'State'), h('dd', {}, c.state || ''),
        h('dt', {}, 'Created'), h('dd', {}, when(c.createdDateTime))));
  }

  // ---- Roles and administrators

  async function catalogRoles(id, flash) {
    const scope = '/AccessPackageCatalog/' + id;
    const [c, tasks, ids] = await Promise.all([get(EM + '/catalogs/' + id), allowedTasks(scope), roleIds()]);
    catalogMenu(id, c.displayName);
    const filter = "appScopeId eq '" + quoteOData(scope) + "'";
    const held = await allPages(ROLES + '/roleAssignments?$filter=' + q(filter) + '&$expand=principal');
    const nameOf = Object.fromEntries(Object.entries(ids).map(([n, i]) => [i, n]));
    const order = CATALOG_ROLES.map((r) => r.name);
    held.sort((a, b) => order.indexOf(nameOf[a.roleDefinitionId]) - order.indexOf(nameOf[b.roleDefinitionId])
      || (a.principal ? a.principal.displayName : '').localeCompare(b.principal ? b.principal.displayName : ''));

    const mayManage = (roleName) => {
      const r = CATALOG_ROLES.find((x) => x.name === roleName);
      return r && tasks.has(r.task);
    };
    const toolbar = h('div', { class: 'toolbar' });
    for (const r of CATALOG_ROLES) {
      if (tasks.has(r.task)) {
        toolbar.append(h('button', { type: 'button', dataset: { role: r.name },
          onclick: () => addHolders(id, r, ids[r.name]) }, r.add));
      }
    }
    const ticks = [];
    const remove = h('button', { type: 'button', class: 'danger', id: 'remove', disabled: true,
      onclick: () => removeHolders(id, ticks.filter((t) => t.box.checked)) }, 'Remove');
    if (CATALOG_ROLES.some((r) => tasks.has(r.task))) toolbar.append(remove);

    const rows = held.map((a) => {
      const role = nameOf[a.roleDefinitionId] || a.roleDefinitionId;
      const p = a.principal || { displayName: '(no longer in the directory)' };
      const who = p.displayName;
      let box = '';
      if (mayManage(role)) {
        box = h('input', { type: 'checkbox', 'aria-label': 'Select ' + who + ' (' + role + ')',
          dataset: { assignment: a.id }, onchange: () => { remove.disabled = !ticks.some((t) => t.box.checked); } });
        ticks.push({ box, assignment: a, who, role });
      }
      const kind = p['@odata.type'] === '#microsoft.graph.group' ? 'Group (its members hold the role)' : 'User';
      return [box, who, p.userPrincipalName || p.mailNickname || '', kind, role];
    });
    page('Roles and administrators', toolbar,
      table(['', 'Name', 'Login', 'Type', 'Role'], rows, 'Nobody holds a role in this catalog.'));
    if (flash) showMessage(flash.lines, flash.ok);
  }

  async function addHolders(catalogId, role, roleId) {
    const picked = await pickPrincipals(role.add, false);
    if (!picked) return;
    const scope = '/AccessPackageCatalog/' + catalogId;
    const failures = [];
    let added = 0;
    for (const p of picked) {
      try {
        await api('POST', ROLES + '/roleAssignments', { roleDefinitionId: roleId, principalId: p.id, appScopeId: scope });
        added++;
      } catch (err) {
        if (err.status === 401) return;
        failures.push(explain(err, p.displayName));
      }
    }
    const lines = [];
    if (added) lines.push('Added ' + added + ' ' + (added === 1 ? 'member' : 'members') + ' as ' + role.name.toLowerCase() + '.');
    await catalogRoles(catalogId, { lines: failures.length ? [...lines, ...failures] : lines, ok: !failures.length });
  }

  async function removeHolders(catalogId, ticked) {
    if (!ticked.length) return;
    const names = ticked.map((t) => t.who + ' (' + t.role.toLowerCase() + ')').join(', ');
    if (!await confirmDialog('Remove', 'Remove ' + names + '?', 'Remove')) return;
    const failures = [];
    let removed = 0;
    for (const t of ticked) {
      try {
        await api('DELETE', ROLES + '/roleAssignments/' + t.assignment.id);
        removed++;
      } catch (err) {
        if (err.status === 401) return;
        failures.push(explain(err, t.who));
      }
    }
    const lines = removed ? ['Removed ' + removed + ' ' + (removed === 1 ? 'role holder' : 'role holders') + '.'] : [];
    await catalogRoles(catalogId, { lines: [...lines, ...failures], ok: !failures.length });
  }

  // ---- Resources

  async function catalogResources(id, flash) {
    const scope = '/AccessPackageCatalog/' + id;
    const [c, tasks, resources] = await Promise.all([
      get(EM + '/catalogs/' + id), allowedTasks(scope), allPages(EM + '/catalogs/' + id + '/resources')]);
    catalogMenu(id, c.displayName);
    const toolbar = h('div', { class: 'toolbar' });
    const canManage = tasks.has('manageCatalogResources');
    if (canManage) {
      toolbar.append(h('button', { type: 'button', id: 'add-resources', onclick: () => addResources(id) }, 'Add resources'));
    }
    page('Resources', toolbar, h('p', { class: 'hint' }, 'Directory groups whose membership this catalog\u2019s access packages can grant.'),
      table(['Group', 'Description', 'Added', canManage ? 'Actions' : null].filter((x) => x !== null),
        resources.map((r) => [r.displayName, r.description || '', when(r.createdDateTime),
          canManage ? h('button', { type: 'button', class: 'danger', onclick: () => removeResource(id, r) }, 'Remove') : null]
          .filter((x) => x !== null)),
        'This catalog has no resources yet.'));
    if (flash) showMessage(flash.lines, flash.ok);
  }

  async function addResources(catalogId) {
    const picked = await pickGroups('Add resources');
    if (!picked) return;
    const failures = [];
    for (const g of picked) {
      try {
        await api('POST', EM + '/resourceRequests', { requestType: 'adminAdd',
          resource: { originId: g.id, originSystem: 'AadGroup' }, catalog: { id: catalogId } });
      } catch (err) {
        if (err.status === 401) return;
        failures.push(explain(err, g.displayName));
      }
    }
    await catalogResources(catalogId, failures.length ? { lines: failures } : { lines: ['Resources added.'], ok: true });
  }

  async function removeResource(catalogId, r) {
    if (!await confirmDialog('Remove resource', 'Remove ' + r.displayName + ' from this catalog?', 'Remove')) return;
    try {
      await api('POST', EM + '/resourceRequests', { requestType: 'adminRemove',
        resource: { originId: r.originId, originSystem: 'AadGroup' }, catalog: { id: catalogId } });
      await catalogResources(catalogId, { lines: [r.displayName + ' was removed.'], ok: true });
    } catch (err) {
      if (err.status !== 401) showMessage(explain(err, r.displayName));
    }
  }

  function pickGroups(title) {
    return pickPrincipals(title, false).then((picked) =>
      picked && picked.filter((p) => p['@odata.type'] === '#microsoft.graph.group'));
  }

  // ---- Access packages

  async function catalogPackages(id, flash) {
    const scope = '/AccessPackageCatalog/' + id;
    const filter = "catalog/id eq '" + id + "'";
    const [c, tasks, pkgs] = await Promise.all([
      get(EM + '/catalogs/' + id), allowedTasks(scope),
      allPages(EM + '/accessPackages?$filter=' + q(filter) + '&$expand=assignmentPolicies')]);
    catalogMenu(id, c.displayName);
    const toolbar = h('div', { class: 'toolbar' });
    if (tasks.has('createAccessPackage')) {
      toolbar.append(h('a', { class: 'button primary', id: 'new-access-package', href: '#/catalogs/' + id + '/packages/new' }, 'New access package'));
    }
    const rows = pkgs.map((p) => {
      const actions = h('div', { class: 'toolbar' });
      if (tasks.has('hideAccessPackage')) {
        actions.append(h('button', { type: 'button', onclick: () => setHidden(id, p, !p.isHidden) }, p.isHidden ? 'Show' : 'Hide'));
      }
      if (tasks.has('deleteAccessPackage')) {
        actions.append(h('button', { type: 'button', class: 'danger', onclick: () => deletePackage(id, p) }, 'Delete'));
      }
      return [p.displayName, p.description || '', p.isHidden ? 'Hidden' : 'Visible',
        String((p.assignmentPolicies || []).length), actions];
    });
    page('Access packages', toolbar,
      table(['Name', 'Description', 'Visibility', 'Policies', 'Actions'], rows, 'This catalog has no access packages yet.'));
    if (flash) showMessage(flash.lines, flash.ok);
  }

  async function setHidden(catalogId, p, hidden) {
    try {
      await api('PATCH', EM + '/accessPackages/' + p.id, { isHidden: hidden });
      await catalogPackages(catalogId, { lines: [p.displayName + (hidden ? ' is now hidden.' : ' is visible again.')], ok: true });
    } catch (err) {
      if (err.status !== 401) showMessage(explain(err, p.displayName));
    }
  }

  async function deletePackage(catalogId, p) {
    if (!await confirmDialog('Delete access package', 'Delete ' + p.displayName + '? This cannot be undone.', 'Delete')) return;
    try {
      await api('DELETE', EM + '/accessPackages/' + p.id);
      await catalogPackages(catalogId, { lines: [p.displayName + ' was deleted.'], ok: true });
    } catch (err) {
      if (err.status !== 401) showMessage(explain(err, p.displayName));
    }
  }

  /** A field that holds principals chosen with the directory picker. */
  function principalField(id, label, title, usersOnly) {
    const chosen = new Map();
    const chips = h('ul', { class: 'chips', id: id + '-chosen', 'aria-label': label });
    const redraw = () => chips.replaceChildren(...(chosen.size ? [...chosen.values()].map((p) =>
      h('li', {}, p.displayName, ' ', h('button', { type: 'button', class: 'link',
        'aria-label': 'Take ' + p.displayName + ' out', onclick: () => { chosen.delete(p.id); redraw(); } }, '\u00d7')))
      : [h('li', { class: 'empty' }, 'Nobody chosen yet.')]));
    redraw();
    const button = h('button', { type: 'button', id: id + '-choose', onclick: async () => {
      const picked = await pickPrincipals(title, usersOnly);
      if (picked) { picked.forEach((p) => chosen.set(p.id, p)); redraw(); }
      button.focus();
    } }, title);
    return { el: h('div', { class: 'field' }, h('span', { class: 'hint' }, label), chips, button), chosen };
  }

  async function newPackage(catalogId) {
    const scope = '/AccessPackageCatalog/' + catalogId;
    const [c, tasks, resources] = await Promise.all([
      get(EM + '/catalogs/' + catalogId), allowedTasks(scope), allPages(EM + '/catalogs/' + catalogId + '/resources')]);
    catalogMenu(catalogId, c.displayName);
    if (!tasks.has('createAccessPackage')) {
      page('New access package', messageBox(MESSAGES.UnAuthorized));
      return;
    }
    const name = h('input', { type: 'text', id: 'package-name', required: true, maxlength: 256 });
    const desc = h('textarea', { id: 'package-description', rows: 2 });
    const roleSelects = resources.map((r) => {
      const sel = h('select', { id: 'role-' + r.id, dataset: { resource: r.id, origin: r.originId } },
        h('option', { value: '' }, 'Not granted'),
        h('option', { value: 'Member' }, 'Member'),
        h('option', { value: 'Owner' }, 'Owner'));
      return { r, sel, el: h('div', { class: 'field' }, h('label', { for: 'role-' + r.id }, r.displayName), sel) };
    });
    const radio = (group, value, label, checked) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: group, value, checked }), ' ', label);
    const requestors = principalField('requestors', 'Users and groups who may request', 'Choose who may request', false);
    const approvers = principalField('approvers', 'Approvers', 'Choose approvers', true);
    const needsApproval = h('input', { type: 'checkbox', id: 'needs-approval', checked: true });
    const justify = h('input', { type: 'checkbox', id: 'needs-justification' });
    const days = h('input', { type: 'number', id: 'expiry-days', min: 1, max: 3650, value: 365 });
    const message = h('div');
    const form = h('form', { class: 'stack', id: 'new-package-form', novalidate: true },
      message,
      h('fieldset', {}, h('legend', {}, 'Basics'),
        h('label', { for: 'package-name' }, 'Name'), name,
        h('label', { for: 'package-description' }, 'Description'), desc),
      h('fieldset', {}, h('legend', {}, 'Resource roles'),
        roleSelects.length ? roleSelects.map((x) => x.el)
          : h('p', { class: 'empty' }, 'This catalog has no resources; the package will grant nothing until roles are added.')),
      h('fieldset', { id: 'who-may-request' }, h('legend', {}, 'Who can request access'),
        radio('scope', 'specificDirectoryUsers', 'Specific users and groups', true),
        requestors.el,
        radio('scope', 'allDirectoryUsers', 'All users in the directory', false),
        radio('scope', 'notSpecified', 'Nobody: access is assigned by administrators', false)),
      h('fieldset', {}, h('legend', {}, 'Approval'),
        h('label', { class: 'choice' }, needsApproval, ' Require approval'),
        approvers.el,
        h('label', { class: 'choice' }, justify, ' Require a justification from requestors')),
      h('fieldset', {}, h('legend', {}, 'Lifecycle'),
        radio('expiry', 'afterDuration', 'Access expires after a number of days', true),
        h('label', { for: 'expiry-days' }, 'Days'), days,
        radio('expiry', 'noExpiration', 'Access never expires', false)),
      h('p', {}, h('button', { type: 'submit', class: 'primary', id: 'create-package' }, 'Create'), ' ',
        h('a', { href: '#/catalogs/' + catalogId + '/packages' }, 'Cancel')));

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const submit = document.getElementById('create-package');
      const problems = [];
      const scopeKind = form.querySelector('input[name=scope]:checked').value;
      const expiry = form.querySelector('input[name=expiry]:checked').value;
      if (!name.value.trim()) problems.push('Give the access package a name.');
      if (scopeKind === 'specificDirectoryUsers' && !requestors.chosen.size) problems.push('Choose who may request access, or pick another option.');
      if (scopeKind !== 'notSpecified' && needsApproval.checked && !approvers.chosen.size) problems.push('Choose at least one approver, or turn approval off.');
      const n = Number(days.value);
      if (expiry === 'afterDuration' && !(Number.isInteger(n) && n >= 1 && n <= 3650)) problems.push('Give the number of days as a whole number from 1 to 3650.');
      if (problems.length) { message.replaceChildren(messageBox(problems)); message.querySelector('div').focus?.(); return; }
      submit.disabled = true;
      let pkg = null;
      try {
        pkg = await api('POST', EM + '/accessPackages', { displayName: name.value.trim(), description: desc.value, catalog: { id: catalogId } });
        for (const x of roleSelects) {
          if (!x.sel.value) continue;
          await api('POST', EM + '/accessPackages/' + pkg.id + '/resourceRoleScopes', {
            role: { originId: x.sel.value + '_' + x.r.originId, originSystem: 'AadGroup', resource: { id: x.r.id } },
            scope: { originId: x.r.originId, originSystem: 'AadGroup' } });
        }
        const subject = (p) => p['@odata.type'] === '#microsoft.graph.group'
          ? { '@odata.type': '#microsoft.graph.groupMembers', groupId: p.id }
          : { '@odata.type': '#microsoft.graph.singleUser', userId: p.id };
        const selfService = scopeKind !== 'notSpecified';
        const approval = selfService && needsApproval.checked;
        await api('POST', EM + '/assignmentPolicies', {
          displayName: selfService ? 'Users may request' : 'Assigned by administrators',
          description: '',
          accessPackage: { id: pkg.id },
          allowedTargetScope: scopeKind,
          specificAllowedTargets: scopeKind === 'specificDirectoryUsers' ? [...requestors.chosen.values()].map(subject) : [],
          requestorSettings: { enableTargetsToSelfAddAccess: selfService, enableTargetsToSelfRemoveAccess: selfService },
          requestApprovalSettings: {
            isApprovalRequiredForAdd: approval,
            isRequestorJustificationRequired: selfService && justify.checked,
            stages: approval ? [{ durationBeforeAutomaticDenial: 'P14D',
              primaryApprovers: [...approvers.chosen.values()].map(subject) }] : [],
          },
          expiration: expiry === 'afterDuration' ? { type: 'afterDuration', duration: 'P' + n + 'D' } : { type: 'noExpiration' },
        });
        location.hash = '#/catalogs/' + catalogId + '/packages';
        say(name.value.trim() + ' was created.');
      } catch (err) {
        if (err.status === 401) return;
        // Do not leave a half-built package behind: take it away again, then say what failed.
        if (pkg) await api('DELETE', EM + '/accessPackages/' + pkg.id).catch(() => null);
        message.replaceChildren(messageBox(explain(err)));
        submit.disabled = false;
      }
    });
    page('New access package', form);
  }

  // ---- My access

  async function myAccess(flash) {
    governanceMenu();
    const [requestable, requests, assignments] = await Promise.all([
      get(EM + "/accessPackages/filterByCurrentUser(on='allowedRequestor')"),
      get(EM + "/assignmentRequests/filterByCurrentUser(on='target')?$expand=accessPackage"),
      get(EM + "/assignments/filterByCurrentUser(on='target')?$expand=accessPackage"),
    ]);
    const pkgName = (x) => (x.accessPackage && x.accessPackage.displayName) || 'Access package ' + x.accessPackage.id;
    // Packages already held or asked for are not offered again.
    const busy = new Set([
      ...requests.value.filter((r) => ['submitted', 'pendingApproval', 'delivering'].includes(r.state) && r.requestType === 'userAdd')
        .map((r) => r.accessPackage.id),
      ...assignments.value.filter((a) => ['delivered', 'delivering'].includes(a.state)).map((a) => a.accessPackage.id),
    ]);
    page('My access',
      h('h2', {}, 'Access packages you can request'),
      table(['Name', 'Description', ''], requestable.value.map((p) => [p.displayName, p.description || '',
        busy.has(p.id) ? h('span', { class: 'hint' }, 'Requested or held')
          : h('button', { type: 'button', class: 'primary', onclick: () => requestPackage(p) }, 'Request')]),
        'There are no access packages you can request.'),
      h('h2', {}, 'Your requests'),
      table(['Access package', 'Type', 'State', 'Submitted', ''], requests.value.map((r) => [h('a', { href: '#/requests/' + r.id }, pkgName(r)), words(r.requestType), words(r.state),
        when(r.createdDateTime),
        ['submitted', 'pendingApproval'].includes(r.state)
          ? h('button', { type: 'button', onclick: () => cancelRequest(r) }, 'Cancel') : '']),
        'You have no requests.'),
      h('h2', {}, 'Your access'),
      table(['Access package', 'State', 'Expires', ''], assignments.value.map((a) => [pkgName(a), words(a.state),
        a.schedule.expiration.endDateTime ? when(a.schedule.expiration.endDateTime) : 'Never',
        a.state === 'delivered'
          ? h('button', { type: 'button', class: 'danger', onclick: () => giveUp(a, pkgName(a)) }, 'Remove my access') : '']),
        'You have no access packages.'));
    if (flash) showMessage(flash.lines, flash.ok);
  }

  /** The inputs of one policy's questions, and how to read their answers. */
  function questionFields(policyId, questions) {
    const fields = [...(questions || [])].sort((a, b) => (a.sequence || 0) - (b.sequence || 0)).map((q, n) => {
      const id = 'q-' + policyId + '-' + n;
      const label = q.text + (q.isRequired ? ' (required)' : '');
      if (q['@odata.type'] === '#microsoft.graph.accessPackageMultipleChoiceQuestion') {
        const boxes = q.choices.map((c) => h('label', { class: 'choice' },
          h('input', { type: q.allowsMultipleSelection ? 'checkbox' : 'radio', name: id, value: c.actualValue }), ' ', c.text));
        return { el: h('fieldset', { class: 'question' }, h('legend', {}, label), boxes),
          values: () => [...document.querySelectorAll('input[name="' + id + '"]:checked')].map((b) => b.value), q };
      }
      const input = q.isSingleLineQuestion === false
        ? h('textarea', { id, rows: 3, maxlength: 1000 })
        : h('input', { type: 'text', id, maxlength: 1000, pattern: q.regexPattern || null });
      return { el: h('div', { class: 'question' }, h('label', { for: id }, label), input),
        values: () => (input.value.trim() ? [input.value] : []), q };
    });
    return {
      el: h('div', { class: 'questions' }, fields.map((f) => f.el)),
      answers: () => fields.flatMap((f) => f.values().map((v) => ({
        '@odata.type': '#microsoft.graph.accessPackageAnswerString', value: v,
        answeredQuestion: { '@odata.type': f.q['@odata.type'], id: f.q.id },
      }))),
    };
  }

  async function requestPackage(p) {
    // What each policy asks of the caller (its questions), from Graph's requirements action.
    const found = await api('POST', EM + '/accessPackages/' + p.id + '/getApplicablePolicyRequirements', {});
    const policies = found.value;
    if (!policies.length) {
      showMessage(['You may not request ' + p.displayName + '.']);
      return;
    }
    const asked = new Map(policies.map((pol) => [pol.policyId, questionFields(pol.policyId, pol.questions)]));
    const show = (id) => asked.forEach((f, key) => { f.el.hidden = key !== id; });
    const picks = policies.map((pol, i) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: 'policy', value: pol.policyId, checked: i === 0, onchange: () => show(pol.policyId) }),
      ' ', pol.policyDisplayName));
    const reason = h('textarea', { id: 'justification', rows: 3 });
    show(policies[0].policyId);
    const done = await dialog('Request ' + p.displayName, [
      policies.length > 1 ? h('fieldset', {}, h('legend', {}, 'Policy'), picks) : null,
      ...[...asked.values()].map((f) => f.el),
      h('label', { for: 'justification' }, 'Business justification'), reason,
    ], 'Submit request', () => {
      const chosen = document.querySelector('input[name=policy]:checked');
      const policyId = chosen ? chosen.value : policies[0].policyId;
      return api('POST', EM + '/assignmentRequests', {
        requestType: 'userAdd', justification: reason.value,
        assignment: { accessPackageId: p.id, assignmentPolicyId: policyId },
        answers: asked.get(policyId).answers(),
      });
    });
    if (done) await myAccess({ lines: ['Your request for ' + p.displayName + ' was submitted: ' + words(done.state).toLowerCase() + '.'], ok: true });
  }

  async function cancelRequest(r) {
    try {
      await api('POST', EM + '/assignmentRequests/' + r.id + '/cancel');
      await myAccess({ lines: ['Your request was cancelled.'], ok: true });
    } catch (err) {
      if (err.status !== 401) showMessage(explain(err));
    }
  }

  async function giveUp(a, name) {
    if (!await confirmDialog('Remove my access', 'Give up your access to ' + name + '?', 'Remove')) return;
    try {
      await api('POST', EM + '/assignmentRequests', { requestType: 'userRemove', assignment: { id: a.id } });
      await myAccess({ lines: ['Your access to ' + name + ' is being removed.'], ok: true });
    } catch (err) {
      if (err.status !== 401) showMessage(explain(err));
    }
  }

  // ---- Custom extensions (decision 0018)

  const EXTENSION_TYPES = {
    '#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension': 'Request workflow',
    '#microsoft.graph.accessPackageAssignmentWorkflowExtension': 'Assignment workflow',
  };

  async function catalogExtensions(id, flash) {
    const scope = '/AccessPackageCatalog/' + id;
    const [c, tasks, list] = await Promise.all([
      get(EM + '/catalogs/' + id), allowedTasks(scope),
      allPages(EM + '/catalogs/' + id + '/customWorkflowExtensions')]);
    catalogMenu(id, c.displayName);
    const manage = tasks.has('managePolicies');
    const toolbar = h('div', { class: 'toolbar' });
    if (manage) {
      toolbar.append(h('button', { type: 'button', class: 'primary', id: 'new-custom-extension',
        onclick: () => newExtension(id) }, 'New custom extension'));
    }
    page('Custom extensions', toolbar,
      h('p', { class: 'hint' }, 'Webhooks Steward calls, signed, at the request stages a policy attaches them to.'),
      table(['Name', 'Type', 'Endpoint', 'Waits for an answer', ''], list.map((x) => [
        x.displayName, EXTENSION_TYPES[x['@odata.type']] || x['@odata.type'],
        x.endpointConfiguration.targetUrl,
        x.callbackConfiguration ? 'Yes, up to ' + x.callbackConfiguration.timeoutDuration : 'No',
        manage ? h('button', { type: 'button', class: 'danger', onclick: () => deleteExtension(id, x) }, 'Delete') : '']),
      'This catalog has no custom extensions.'));
    if (flash) showMessage(flash.lines, flash.ok);
  }

  async function newExtension(catalogId) {
    const name = h('input', { type: 'text', id: 'extension-name', required: true, maxlength: 256 });
    const desc = h('textarea', { id: 'extension-description', rows: 2 });
    const url = h('input', { type: 'url', id: 'extension-url', required: true, placeholder: 'https://' });
    const kind = h('select', { id: 'extension-type' },
      h('option', { value: '#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension' }, 'Request workflow (when requests are created, approved, granted, removed)'),
      h('option', { value: '#microsoft.graph.accessPackageAssignmentWorkflowExtension' }, 'Assignment workflow (14 days and 1 day before access ends)'));
    const waits = h('input', { type: 'checkbox', id: 'extension-waits' });
    const timeout = h('input', { type: 'text', id: 'extension-timeout', value: 'PT1H' });
    const made = await dialog('New custom extension', [
      h('label', { for: 'extension-name' }, 'Name'), name,
      h('label', { for: 'extension-description' }, 'Description'), desc,
      h('label', { for: 'extension-type' }, 'Type'), kind,
      h('label', { for: 'extension-url' }, 'Endpoint address'), url,
      h('p', { class: 'hint' }, 'It must be under an address the operator allows.'),
      h('label', { class: 'choice' }, waits, ' Hold the request until the endpoint answers (when it is created or approved)'),
      h('label', { for: 'extension-timeout' }, 'Longest wait (ISO 8601, such as PT1H)'), timeout,
    ], 'Create', () => {
      const body = {
        '@odata.type': kind.value,
        displayName: name.value, description: desc.value,
        endpointConfiguration: { '@odata.type': '#microsoft.graph.httpRequestEndpoint', targetUrl: url.value },
      };
      if (waits.checked) {
        body.callbackConfiguration = { '@odata.type': '#microsoft.graph.customExtensionCallbackConfiguration', timeoutDuration: timeout.value };
      }
      return api('POST', EM + '/catalogs/' + catalogId + '/customWorkflowExtensions', body);
    });
    if (made) {
      await catalogExtensions(catalogId, { lines: [made.displayName + ' was created. Its signing secret, shown only now, is:',
        made.signingSecret, 'Give it to the endpoint\u2019s owners; Steward will not show it again.'], ok: true });
    }
  }

  async function deleteExtension(catalogId, x) {
    if (!await confirmDialog('Delete custom extension', 'Delete ' + x.displayName + '?', 'Delete')) return;
    try {
      await api('DELETE', EM + '/catalogs/' + catalogId + '/customWorkflowExtensions/' + x.id);
      await catalogExtensions(catalogId, { lines: [x.displayName + ' was deleted.'], ok: true });
    } catch (err) {
      if (err.status !== 401) showMessage(explain(err));
    }
  }

  /** One request: where it stands, and each call of a custom extension with its answer. */
  async function requestHistory(id) {
    governanceMenu();
    const [r, calls] = await Promise.all([
      get(EM + '/assignmentRequests/' + id + '?$expand=accessPackage'),
      get(EM + '/assignmentRequests/' + id + '/customExtensionCalloutInstances'),
    ]);
    page('Request for ' + ((r.accessPackage && r.accessPackage.displayName) || 'an access package'),
      h('p', {}, words(r.requestType) + ', ' + words(r.state).toLowerCase() + (r.status ? ' (' + r.status + ')' : '') +
        ', submitted ' + when(r.createdDateTime) + '.'),
      h('h2', {}, 'Custom extensions'),
      table(['Stage', 'Status', 'Detail', 'Called', 'Sent', 'Answered', 'Gives up'], calls.value.map((c) => [
        words(c.stage), words(c.status), c.detail || '', when(c.createdDateTime), when(c.sentDateTime),
        when(c.answeredDateTime), when(c.timeoutDateTime)]),
      'No custom extension was called for this request.'));
  }

  // ---- Approvals

  async function approvals(flash) {
    governanceMenu();
    const waiting = await get(EM + "/assignmentApprovals/filterByCurrentUser(on='approver')");
    const rows = [];
    for (const a of waiting.value) {
      const stage = a.stages.find((s) => s.assignedToMe && s.status === 'InProgress');
      if (!stage) continue;
      const r = await get(EM + '/assignmentRequests/' + a.id + '?$expand=accessPackage');
      const requestor = await get('/v1.0/users/' + r.requestor.objectId).catch(() => null);
      const reason = h('input', { type: 'text', 'aria-label': 'Reason for your decision', placeholder: 'Reason (optional)' });
      const decide = (result) => async () => {
        try {
          await api('PATCH', EM + '/assignmentApprovals/' + a.id + '/stages/' + stage.id,
            { reviewResult: result, justification: reason.value });
          await approvals({ lines: [(result === 'Approve' ? 'Approved' : 'Denied') + ' the request for ' + r.accessPackage.displayName + '.'], ok: true });
        } catch (err) {
          if (err.status !== 401) showMessage(explain(err));
        }
      };
      rows.push([r.accessPackage.displayName || r.accessPackage.id,
        requestor ? requestor.displayName : r.requestor.objectId, r.justification || '',
        h('div', { class: 'answers' }, (r.answers || []).map((x) =>
          h('div', {}, (x.answeredQuestion.text || 'Answer') + ': ' + x.displayValue))),
        when(r.createdDateTime),
        h('div', { class: 'toolbar' }, reason,
          h('button', { type: 'button', class: 'primary', onclick: decide('Approve') }, 'Approve'),
          h('button', { type: 'button', class: 'danger', onclick: decide('Deny') }, 'Deny'))]);
    }
    page('Approvals', table(['Access package', 'Requested by', 'Justification', 'Answers', 'Submitted', 'Decision'], rows,
      'No requests are waiting for your decision.'));
    if (flash) showMessage(flash.lines, flash.ok);
  }

  // ---- Access reviews: what the caller reviews, and the progress of the reviews they govern

  const REVIEWS = '/v1.0/identityGovernance/accessReviews/definitions';

  async function reviews(flash) {
    governanceMenu();
    const blocks = [];
    const mineDefs = await get(REVIEWS + "/filterByCurrentUser(on='reviewer')");
    for (const d of mineDefs.value) {
      const instances = await get(REVIEWS + '/' + d.id + '/instances');
      for (const i of instances.value.filter((x) => x.status === 'InProgress')) {
        const base = REVIEWS + '/' + d.id + '/instances/' + i.id;
        const items = await get(base + "/decisions/filterByCurrentUser(on='reviewer')");
        const rows = items.value.map((x) => {
          const reason = h('input', { type: 'text', 'aria-label': 'Justification for ' + x.principal.displayName,
            placeholder: d.settings.justificationRequiredOnApproval ? 'Justification (required)' : 'Justification' });
          const decide = (decision) => async () => {
            try {
              await api('PATCH', base + '/decisions/' + x.id, { decision, justification: reason.value });
              await reviews({ lines: [(decision === 'Approve' ? 'Approved ' : 'Denied ') + x.principal.displayName + '.'], ok: true });
            } catch (err) {
              if (err.status !== 401) showMessage(explain(err));
            }
          };
          const open = x.decision === 'NotReviewed';
          return [x.principal.displayName || x.principal.userPrincipalName, x.resource.displayName || '',
            x.recommendation + (x['@steward.recommendationReason'] ? ' \u2014 ' + x['@steward.recommendationReason'] : ''),
            open ? h('div', { class: 'toolbar' }, reason,
              h('button', { type: 'button', class: 'primary', onclick: decide('Approve') }, 'Approve'),
              h('button', { type: 'button', class: 'danger', onclick: decide('Deny') }, 'Deny'))
              : x.decision + (x.justification ? ': ' + x.justification : '')];
        });
        const acceptAll = async () => {
          try {
            await api('POST', base + '/acceptRecommendations', {});
            await reviews({ lines: ['Accepted the recommendations on your open items.'], ok: true });
          } catch (err) {
            if (err.status !== 401) showMessage(explain(err));
          }
        };
        blocks.push(h('section', {},
          h('h2', {}, d.displayName),
          h('p', {}, (d.descriptionForReviewers ? d.descriptionForReviewers + ' ' : '') + 'Ends ' + when(i.endDateTime) + '.'),
          h('div', { class: 'toolbar' }, h('button', { type: 'button', onclick: acceptAll }, 'Accept all recommendations')),
          table(['User', 'Access', 'Recommendation', 'Decision'], rows, 'Nothing left for you in this review.')));
      }
    }
    if (blocks.length === 0) blocks.push(h('p', {}, 'No access reviews are waiting for you.'));

    // Progress of every review the caller may see as a catalog governor.
    const governed = await get(REVIEWS).catch(() => ({ value: [] }));
    const progress = [];
    for (const d of governed.value) {
      const instances = await get(REVIEWS + '/' + d.id + '/instances').catch(() => ({ value: [] }));
      for (const i of instances.value) {
        const c = i['@steward.decisionCounts'] || {};
        progress.push([d.displayName, when(i.startDateTime) + ' \u2013 ' + when(i.endDateTime), i.status,
          String(c.Approve || 0), String(c.Deny || 0), String(c.DontKnow || 0), String(c.NotReviewed || 0)]);
      }
    }
    const sections = [h('h2', {}, 'To review'), ...blocks];
    if (governed.value.length > 0) {
      sections.push(h('h2', {}, 'Progress of the reviews you govern'),
        table(['Review', 'Runs', 'Status', 'Approved', 'Denied', 'Don\u2019t know', 'Not reviewed'], progress,
          'No instance has started yet.'));
    }
    page('Access reviews', h('div', {}, ...sections));
    if (flash) showMessage(flash.lines, flash.ok);
  }

  // ------------------------------------------------------------------ audit log

  const AUDITS = '/v1.0/auditLogs/directoryAudits';
  const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  /** Who made a change, as the page and the CSV name them. */
  function actorOf(a) {
    const u = a.initiatedBy && a.initiatedBy.user;
    if (u) return u.displayName || u.userPrincipalName || u.id;
    return (a.initiatedBy && a.initiatedBy.app && a.initiatedBy.app.displayName) || '';
  }

  const firstTarget = (a) => (a.targetResources && a.targetResources[0]) || {};

  /** One CSV cell: quoted, quotes doubled, and a leading = + - @ defused so no sheet runs it. */
  function csvCell(value) {
    let s = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  }

  function auditCsv(records) {
    const head = ['When', 'Activity', 'Result', 'By', 'Sign-in name', 'IP address', 'Target type',
      'Target id', 'Target name', 'Correlation id'];
    const lines = records.map((a) => {
      const u = (a.initiatedBy && a.initiatedBy.user) || {};
      const t = firstTarget(a);
      return [a.activityDateTime, a.activityDisplayName, a.result, actorOf(a), u.userPrincipalName,
        u.ipAddress, t.type, t.id, t.displayName, a.correlationId];
    });
    return [head, ...lines].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  }

  function download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const link = h('a', { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /** The user id a filter names: a GUID as it is, a sign-in name looked up in the directory. */
  async function actorId(text) {
    if (GUID.test(text)) return text;
    const found = await get('/v1.0/users?$search=' + q('"' + text + '"') + '&$top=20');
    const user = found.value.find((u) => (u.userPrincipalName || '').toLowerCase() === text.toLowerCase());
    if (!user) throw new ApiError(400, 'InvalidModel', 'No user signs in as ' + text);
    return user.id;
  }

  /** The audit log of one catalog (for its owners) or of everything (administrators, auditors). */
  async function auditLog(catalogId) {
    let title = 'Audit log';
    if (catalogId) {
      const c = await get(EM + '/catalogs/' + catalogId);
      catalogMenu(catalogId, c.displayName);
      title = 'Audit log of ' + c.displayName;
    } else {
      governanceMenu();
    }
    const from = h('input', { type: 'datetime-local', id: 'audit-from' });
    const to = h('input', { type: 'datetime-local', id: 'audit-to' });
    const actor = h('input', { type: 'text', id: 'audit-actor', placeholder: 'sign-in name or user id' });
    const target = h('input', { type: 'text', id: 'audit-target', placeholder: 'id of the changed object' });
    const body = h('div', { id: 'audit-records' });
    const shown = [];
    let next = null;
    const more = h('button', { type: 'button', id: 'audit-more', hidden: true }, 'Show more');
    const csv = h('button', { type: 'button', id: 'audit-csv' }, 'Download CSV of what is shown');

    function draw() {
      body.replaceChildren(table(['When', 'Activity', 'By', 'Target', 'Result'],
        shown.map((a) => {
          const t = firstTarget(a);
          return [when(a.activityDateTime), a.activityDisplayName, actorOf(a),
            (t.displayName ? t.displayName + ' ' : '') + '(' + (t.type || '') + ')', a.result];
        }), 'No audit records match.'));
      more.hidden = !next;
    }

    async function load(path) {
      const res = await get(path);
      shown.push(...res.value);
      const link = res['@odata.nextLink'];
      next = link ? link.replace(/^https?:\/\/[^/]+/, '') : null;
      draw();
    }

    async function search(event) {
      if (event) event.preventDefault();
      const parts = [];
      if (catalogId) parts.push("additionalDetails/any(d:d/key eq 'catalogId' and d/value eq '" + catalogId + "')");
      if (from.value) parts.push('activityDateTime ge ' + new Date(from.value).toISOString());
      if (to.value) parts.push('activityDateTime le ' + new Date(to.value).toISOString());
      try {
        if (actor.value.trim()) parts.push("initiatedBy/user/id eq '" + quoteOData(await actorId(actor.value.trim())) + "'");
        if (target.value.trim()) parts.push("targetResources/any(t:t/id eq '" + quoteOData(target.value.trim()) + "')");
        shown.length = 0;
        next = null;
        await load(AUDITS + '?$top=50' + (parts.length ? '&$filter=' + q(parts.join(' and ')) : ''));
      } catch (err) {
        if (err.status !== 401) showMessage(explain(err));
      }
    }

    more.addEventListener('click', () => next && load(next).catch((err) => showMessage(explain(err))));
    csv.addEventListener('click', () => download('steward-audit-log.csv', auditCsv(shown)));
    const form = h('form', { class: 'toolbar', id: 'audit-filters', onsubmit: search },
      h('span', { class: 'field' }, h('label', { for: 'audit-from' }, 'From'), from),
      h('span', { class: 'field' }, h('label', { for: 'audit-to' }, 'To'), to),
      h('span', { class: 'field' }, h('label', { for: 'audit-actor' }, 'Changed by'), actor),
      h('span', { class: 'field' }, h('label', { for: 'audit-target' }, 'Target'), target),
      h('span', { class: 'field' }, h('button', { type: 'submit', class: 'primary', id: 'audit-search' }, 'Show')));
    page(title, form, h('div', { class: 'toolbar' }, csv), body, more);
    await search();
  }

  // ------------------------------------------------------------------ routing

  const ROUTES = [
    [/^#?\/?$/, home],
    [/^#\/governance$/, governance],
    [/^#\/catalogs$/, catalogs],
    [/^#\/catalogs\/([0-9a-f-]{36})$/, catalogOverview],
    [/^#\/catalogs\/([0-9a-f-]{36})\/resources$/, catalogResources],
    [/^#\/catalogs\/([0-9a-f-]{36})\/packages$/, catalogPackages],
    [/^#\/catalogs\/([0-9a-f-]{36})\/packages\/new$/, newPackage],
    [/^#\/catalogs\/([0-9a-f-]{36})\/roles$/, catalogRoles],
    [/^#\/catalogs\/([0-9a-f-]{36})\/audit$/, auditLog],
    [/^#\/catalogs\/([0-9a-f-]{36})\/extensions$/, catalogExtensions],
    [/^#\/requests\/([0-9a-f-]{36})$/, requestHistory],
    [/^#\/audit$/, () => auditLog(null)],
    [/^#\/my-access$/, myAccess],
    [/^#\/approvals$/, approvals],
    [/^#\/reviews$/, reviews],
  ];

  async function route() {
    if (!state.csrf) return;
    const hash = location.hash || '#/';
    for (const [re, show] of ROUTES) {
      const m = hash.match(re);
      if (m) {
        try {
          await show(...m.slice(1));
        } catch (err) {
          if (err.status !== 401) page('Something went wrong', messageBox(explain(err)));
        }
        return;
      }
    }
    page('Not found', h('p', {}, 'There is no such page. ', h('a', { href: '#/' }, 'Go to the start.')));
  }

  window.addEventListener('hashchange', route);

  get('/portal/session').then(started, () => showSignIn(''));
})();

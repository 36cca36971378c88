// The layout's menus are native <details> (LanguageMenu, UserMenu): a click elsewhere, a choice
// in one, or Esc closes it.
document.addEventListener('click', event => {
    for (const menu of document.querySelectorAll('details.care-menu[open]')) {
        const item = event.target.closest('.care-menu-item');
        if (!menu.contains(event.target) || (item && item.type !== 'submit')) {
            menu.open = false;
        }
    }
});
document.addEventListener('keydown', event => {
    if (event.key !== 'Escape') {
        return;
    }
    for (const menu of document.querySelectorAll('details.care-menu[open]')) {
        menu.open = false;
        menu.querySelector('summary')?.focus();
    }
});

// A sign-in nobody uses ends after a while (Accounts:IdleTimeout; desk PCs are shared). Live pages
// talk to the server all day by themselves, so only the person's own clicks and keys count: at most
// once a minute they tell the server, by a request that carries the sign-in cookie.
(() => {
    let told = 0;
    const active = () => {
        const now = Date.now();
        if (now - told < 60000) {
            return;
        }
        told = now;
        fetch('/account/activity', { method: 'POST', credentials: 'same-origin' }).catch(() => { });
    };
    for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart']) {
        document.addEventListener(type, active, { passive: true, capture: true });
    }
})();

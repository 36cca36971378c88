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

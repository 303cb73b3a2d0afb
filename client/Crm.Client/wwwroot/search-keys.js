// "/" goes to the top bar's search box, as in the tools agents know, unless they are typing somewhere already.
// On a phone the box is an icon to the search page, so "/" opens that page instead.
document.addEventListener('keydown', e => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) {
        return;
    }

    const target = e.target;
    if (target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) {
        return;
    }

    const box = document.querySelector('[data-testid="top-search"] input');
    if (box && box.offsetParent !== null) {
        e.preventDefault();
        box.focus();
        return;
    }

    const link = document.querySelector('[data-testid="top-search-link"]');
    if (link) {
        e.preventDefault();
        link.click();
    }
});

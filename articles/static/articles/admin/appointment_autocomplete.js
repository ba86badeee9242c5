'use strict';
// In the "officials named" rows of a release, the role autocomplete offers only the
// roles of the official chosen in the same row: its request carries that official.
{
    const $ = django.jQuery;
    let opened = null;

    $(document).on('select2:opening', 'select[data-field-name="appointment"]', (event) => {
        opened = event.target;
    });

    $.ajaxPrefilter((options) => {
        if (!opened || typeof options.data !== 'string') {
            return;
        }
        if (!options.data.includes('field_name=appointment')) {
            return;
        }
        const official = document.getElementById(opened.id.replace(/-appointment$/, '-official'));
        if (official && official.value) {
            options.data += '&official=' + encodeURIComponent(official.value);
        }
    });
}

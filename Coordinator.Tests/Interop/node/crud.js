'use strict';
// create / exists / getData / setData / getChildren / remove, including the errors a client sees.
const { report, stat, connect, call, attempt, run } = require('./lib');

run(async (connectString, base) => {
    const client = await connect(connectString);

    const [created] = await call(client, 'create', base, Buffer.from('v0'));
    report('create', { path: created });

    const duplicate = await attempt(client, 'create', base, Buffer.from('again'));
    report('create_duplicate', { error: duplicate.error, code: duplicate.code });

    const [existing] = await call(client, 'exists', base);
    report('exists', { stat: stat(existing) });

    const [data] = await call(client, 'getData', base);
    report('get', { data: data.toString() });

    const [afterSet] = await call(client, 'setData', base, Buffer.from('v1'), 0);
    report('set', { stat: stat(afterSet) });

    const stale = await attempt(client, 'setData', base, Buffer.from('v2'), 0);
    report('set_stale_version', { error: stale.error, code: stale.code });

    const [data2, stat2] = await call(client, 'getData', base);
    report('get_after_set', { data: data2.toString(), stat: stat(stat2) });

    await call(client, 'create', base + '/b');
    await call(client, 'create', base + '/a', Buffer.from('child'));
    const [children, parentStat] = await call(client, 'getChildren', base);
    report('children', { children: children.slice().sort(), stat: stat(parentStat) });

    const notEmpty = await attempt(client, 'remove', base, -1);
    report('remove_not_empty', { error: notEmpty.error, code: notEmpty.code });

    await call(client, 'remove', base + '/a', -1);
    await call(client, 'remove', base + '/b', 0);
    await call(client, 'remove', base, 1);
    const [gone] = await call(client, 'exists', base);
    report('exists_after_remove', { stat: stat(gone) });

    const missing = await attempt(client, 'getData', base);
    report('get_missing', { error: missing.error, code: missing.code });

    client.close();
});

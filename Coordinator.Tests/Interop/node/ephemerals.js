'use strict';
// Sequential ephemeral nodes belong to the creating session: a second client sees them, with the
// owner's session id, and sees them vanish (child watch + empty list) once the owner closes.
const { zookeeper, report, stat, hex, connect, call, watcher, run } = require('./lib');

run(async (connectString, base) => {
    const owner = await connect(connectString);
    const observer = await connect(connectString);
    await call(owner, 'create', base);

    const mode = zookeeper.CreateMode.EPHEMERAL_SEQUENTIAL;
    const [first] = await call(owner, 'create', base + '/e-', Buffer.from('1'), mode);
    const [second] = await call(owner, 'create', base + '/e-', Buffer.from('2'), mode);
    report('created', { paths: [first, second], ownerSession: hex(owner.getSessionId()) });

    const vanished = watcher(10000);
    const [seen] = await call(observer, 'getChildren', base, vanished.callback);
    const [firstStat] = await call(observer, 'exists', first);
    report('observed', { children: seen.slice().sort(), stat: stat(firstStat) });

    owner.close();
    report('owner_closed_watch', await vanished.fired);

    const [left] = await call(observer, 'getChildren', base);
    report('after_owner_closed', { children: left });

    observer.close();
});

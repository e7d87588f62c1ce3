'use strict';
// Shared plumbing for the interop scripts: promise wrappers over node-zookeeper-client callbacks and
// one JSON object per line on stdout, which the C# side parses and asserts.
const zookeeper = require('node-zookeeper-client');

function report(step, fields) {
    console.log(JSON.stringify(Object.assign({ step: step }, fields)));
}

function hex(buffer) {
    return buffer ? '0x' + Buffer.from(buffer).toString('hex') : null;
}

// The Stat fields the tests assert on; zxids and session ids are 8-byte buffers in this client.
function stat(s) {
    if (!s) {
        return null;
    }
    return {
        czxid: hex(s.czxid),
        mzxid: hex(s.mzxid),
        pzxid: hex(s.pzxid),
        version: s.version,
        cversion: s.cversion,
        aversion: s.aversion,
        ephemeralOwner: hex(s.ephemeralOwner),
        dataLength: s.dataLength,
        numChildren: s.numChildren,
    };
}

function errorName(error) {
    return error && typeof error.getName === 'function' ? error.getName() : String(error);
}

function connect(connectString) {
    const client = zookeeper.createClient(connectString, { sessionTimeout: 10000, retries: 0 });
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('connect timed out: ' + connectString)), 10000);
        client.once('connected', () => {
            clearTimeout(timer);
            resolve(client);
        });
        client.connect();
    });
}

// Runs client.method(...args, callback) and resolves with the callback's values after the error.
function call(client, method, ...args) {
    return new Promise((resolve, reject) => {
        client[method](...args, (error, ...values) => (error ? reject(error) : resolve(values)));
    });
}

// Like call, but a ZooKeeper error becomes a value ({ error: 'NO_NODE', code: -101 }) to report.
async function attempt(client, method, ...args) {
    try {
        return { values: await call(client, method, ...args) };
    } catch (error) {
        return { error: errorName(error), code: typeof error.getCode === 'function' ? error.getCode() : null };
    }
}

// A one-shot watcher whose event can be awaited; rejects if nothing fires within the deadline.
function watcher(timeoutMs) {
    let fire;
    const fired = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('watch did not fire within ' + timeoutMs + ' ms')), timeoutMs);
        fire = (event) => {
            clearTimeout(timer);
            resolve({ type: event.getName(), path: event.getPath() });
        };
    });
    return { callback: (event) => fire(event), fired: fired };
}

// Every script: run main(connectString, basePath), report failures as a 'fatal' line, exit non-zero.
function run(main) {
    const [connectString, basePath] = process.argv.slice(2);
    if (!connectString || !basePath) {
        report('fatal', { error: 'usage: node <script> <connectString> <basePath>' });
        process.exit(64);
    }
    main(connectString, basePath).then(
        () => process.exit(0),
        (error) => {
            report('fatal', { error: errorName(error), stack: error && error.stack });
            process.exit(1);
        });
}

module.exports = { zookeeper, report, stat, hex, connect, call, attempt, watcher, run };

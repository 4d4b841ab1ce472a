// A third-party SCIM 2.0 service provider for the tests: scimmy and scimmy-routers over an in-memory
// store, with the service provider features switchable from the command line. See README.md.
import express from "express";
import SCIMMY from "scimmy";
import SCIMMYRouters from "scimmy-routers";
import {randomUUID} from "node:crypto";
import {readFileSync} from "node:fs";
import {parseArgs} from "node:util";

const {values: args} = parseArgs({
    options: {
        "port": {type: "string", default: "0"},
        "token": {type: "string", default: "peer-token"},
        "seed": {type: "string"},
        "no-bulk": {type: "boolean", default: false},
        "max-operations": {type: "string"},
        "max-payload": {type: "string"},
        "no-patch": {type: "boolean", default: false},
        "etag": {type: "boolean", default: false},
        "max-results": {type: "string"},
    },
    strict: true,
});

const positiveInt = (name) => {
    if (args[name] === undefined) return undefined;
    const n = Number(args[name]);
    if (!Number.isInteger(n) || n < 1) {
        console.error(`--${name} expects a positive integer, got '${args[name]}'`);
        process.exit(2);
    }
    return n;
};
const port = Number(args.port);
const maxOperations = positiveInt("max-operations") ?? 1000;
const maxPayload = positiveInt("max-payload") ?? 1048576;
const maxResults = positiveInt("max-results") ?? 200;
const BASE = "/scim/v2";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

// ---- Store -------------------------------------------------------------------------------------
// Resources are kept in SCIM shape, without derived attributes (a user's groups, members' display).
const users = new Map();
const groups = new Map();
let versionCounter = 0;

function stamp(record, created) {
    const now = new Date().toISOString();
    record.meta = {...(created ? {created: now} : {created: record.meta?.created ?? now}), lastModified: now, version: `W/"${++versionCounter}"`};
    return record;
}

const plain = (instance) => JSON.parse(JSON.stringify(instance ?? {}));
const conflict = (message) => new SCIMMY.Types.Error(409, "uniqueness", message);
const notFound = (type, id) => new SCIMMY.Types.Error(404, null, `Resource ${id} not found`);

function userOut(user) {
    const out = structuredClone(user);
    const memberOf = [...groups.values()].filter(g => (g.members ?? []).some(m => m.value === user.id));
    if (memberOf.length) out.groups = memberOf.map(g => ({value: g.id, display: g.displayName, type: "direct"}));
    if (!args.etag) delete out.meta.version;
    return out;
}

function groupOut(group) {
    const out = structuredClone(group);
    out.members = (group.members ?? []).map(m => ({value: m.value, display: users.get(m.value)?.userName, type: "User"}));
    if (!out.members.length) delete out.members;
    if (!args.etag) delete out.meta.version;
    return out;
}

function list(resource, store, shape) {
    if (resource.id) {
        const record = store.get(resource.id);
        if (!record) throw notFound("", resource.id);
        return shape(record);
    }
    const all = [...store.values()].map(shape);
    return resource.filter ? resource.filter.match(all) : all;
}

function saveUser(resource, instance) {
    const value = plain(instance);
    delete value.id; delete value.meta; delete value.groups; delete value.schemas;
    const clash = [...users.values()].find(u => u.id !== resource.id && u.userName.toLowerCase() === String(value.userName).toLowerCase());
    if (clash) throw conflict(`userName '${value.userName}' is already taken`);
    if (resource.id) {
        const existing = users.get(resource.id);
        if (!existing) throw notFound("User", resource.id);
        const updated = stamp({id: resource.id, ...value, meta: existing.meta}, false);
        users.set(resource.id, updated);
        return userOut(updated);
    }
    const created = stamp({id: randomUUID(), ...value}, true);
    users.set(created.id, created);
    return userOut(created);
}

function saveGroup(resource, instance) {
    const value = plain(instance);
    delete value.id; delete value.meta; delete value.schemas;
    value.members = (value.members ?? []).map(m => {
        if (!users.has(m.value)) throw new SCIMMY.Types.Error(400, "invalidValue", `Member '${m.value}' is not a user`);
        return {value: m.value};
    });
    const clash = [...groups.values()].find(g => g.id !== resource.id && g.displayName.toLowerCase() === String(value.displayName).toLowerCase());
    if (clash) throw conflict(`displayName '${value.displayName}' is already taken`);
    if (resource.id) {
        const existing = groups.get(resource.id);
        if (!existing) throw notFound("Group", resource.id);
        const updated = stamp({id: resource.id, ...value, meta: existing.meta}, false);
        groups.set(resource.id, updated);
        return groupOut(updated);
    }
    const created = stamp({id: randomUUID(), ...value}, true);
    groups.set(created.id, created);
    return groupOut(created);
}

SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false))
    .egress((resource) => list(resource, users, userOut))
    .ingress((resource, instance) => saveUser(resource, instance))
    .degress((resource) => {
        if (!users.delete(resource.id)) throw notFound("User", resource.id);
        // A deleted user leaves every group it was in, which changes those groups.
        for (const g of groups.values()) {
            const before = g.members?.length ?? 0;
            g.members = (g.members ?? []).filter(m => m.value !== resource.id);
            if (g.members.length !== before) stamp(g, false);
        }
    });

SCIMMY.Resources.declare(SCIMMY.Resources.Group)
    .egress((resource) => list(resource, groups, groupOut))
    .ingress((resource, instance) => saveGroup(resource, instance))
    .degress((resource) => {
        if (!groups.delete(resource.id)) throw notFound("Group", resource.id);
    });

// scimmy applies PATCH whatever the config says, over HTTP and within Bulk alike: refuse it at the source.
if (args["no-patch"]) {
    for (const Resource of [SCIMMY.Resources.User, SCIMMY.Resources.Group]) {
        Resource.prototype.patch = async function () {
            throw new SCIMMY.Types.Error(501, null, "PATCH is not supported by this service provider");
        };
    }
}

// ---- Seed --------------------------------------------------------------------------------------
if (args.seed) {
    const seed = JSON.parse(readFileSync(args.seed, "utf8"));
    const byUserName = new Map();
    for (const u of seed.users ?? []) {
        const user = saveUser({}, {
            schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ...(u.department ? [ENTERPRISE] : [])],
            userName: u.userName,
            name: {givenName: u.givenName, familyName: u.familyName, formatted: [u.givenName, u.familyName].filter(Boolean).join(" ")},
            displayName: [u.givenName, u.familyName].filter(Boolean).join(" ") || u.userName,
            emails: [{value: u.userName, type: "work", primary: true}],
            active: u.active ?? true,
            ...(u.title ? {title: u.title} : {}),
            ...(u.department ? {[ENTERPRISE]: {department: u.department}} : {}),
        });
        byUserName.set(u.userName.toLowerCase(), user.id);
    }
    for (const g of seed.groups ?? []) {
        const members = (g.members ?? []).map(name => {
            const id = byUserName.get(String(name).toLowerCase());
            if (!id) throw new Error(`seed: group '${g.displayName}' names unknown user '${name}'`);
            return {value: id};
        });
        saveGroup({}, {displayName: g.displayName, members});
    }
}

// ---- HTTP --------------------------------------------------------------------------------------
const app = express();
app.disable("x-powered-by");
app.set("etag", false);

const scimError = (res, status, message, scimType) =>
    res.status(status).type("application/scim+json").send(new SCIMMY.Messages.Error({status, scimType, message}));

// Request log, test-only and outside the SCIM base: counts by method and path with ids as {id}.
const requestCounts = new Map();
const refusedCounts = new Map();
app.get("/_peer/requests", (req, res) =>
    res.json([...requestCounts.entries()].map(([key, count]) => {
        const [method, path] = key.split(" ");
        return {method, path, count, refused: refusedCounts.get(key) ?? 0};
    })));
app.delete("/_peer/requests", (req, res) => {
    requestCounts.clear();
    refusedCounts.clear();
    res.status(204).end();
});

const normalise = (path) => path.replace(/^\/(Users|Groups)\/(?!\.search$)[^/]+/i, "/$1/{id}");

app.use(BASE, (req, res, next) => {
    // The tests' own reads of the peer's state say so, and are not counted as the client's calls.
    if (!req.header("X-Scim-Peer-Probe")) {
        const key = `${req.method} ${normalise(req.path)}`;
        requestCounts.set(key, (requestCounts.get(key) ?? 0) + 1);
        res.on("finish", () => {
            if (res.statusCode >= 400) refusedCounts.set(key, (refusedCounts.get(key) ?? 0) + 1);
        });
    }

    // Express 5 parses req.query afresh on each read, so the routers' numeric casting of
    // startIndex/count would be lost: pin one writable copy.
    Object.defineProperty(req, "query", {value: {...req.query}, writable: true, configurable: true, enumerable: true});

    if (req.header("Authorization") !== `Bearer ${args.token}`) {
        res.set("WWW-Authenticate", 'Bearer realm="scim-peer"');
        return scimError(res, 401, "Authorization failure: a valid bearer token is required");
    }
    next();
});

app.use(BASE, express.json({type: ["application/scim+json", "application/json"], limit: maxPayload}));

// Cap list pages at filter.maxResults.
app.use(BASE, (req, res, next) => {
    const cap = (count) => Math.min(Number.isInteger(count) ? count : Math.min(20, maxResults), maxResults);
    if (req.method === "GET" && /^\/(Users|Groups)\/?$/i.test(req.path)) {
        const n = Number(req.query.count);
        req.query.count = cap(req.query.count !== undefined && !Number.isNaN(n) ? n : undefined);
    } else if (req.method === "POST" && /\.search$/i.test(req.path) && req.body && typeof req.body === "object") {
        req.body.count = cap(req.body.count);
    }
    next();
});

// ETags: If-Match on writes to one resource.
if (args.etag) {
    app.use(BASE, (req, res, next) => {
        const m = /^\/(Users|Groups)\/([^/]+)$/i.exec(req.path);
        const ifMatch = req.header("If-Match");
        if (m && ifMatch && ["PUT", "PATCH", "DELETE"].includes(req.method)) {
            const record = (m[1].toLowerCase() === "users" ? users : groups).get(m[2]);
            const tags = ifMatch.split(",").map(t => t.trim());
            if (record && !tags.includes("*") && !tags.includes(record.meta.version))
                return scimError(res, 412, `Resource ${m[2]} has changed: its version is ${record.meta.version}`);
        }
        next();
    });
}

// Last touches on what the routers answer.
app.use(BASE, (req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body) => {
        if (body && typeof body === "object" && !Buffer.isBuffer(body)) {
            // scimmy answers the first page again for a startIndex past the end; RFC 7644 §3.4.2.4 wants none.
            if (body.schemas?.includes("urn:ietf:params:scim:api:messages:2.0:ListResponse") && body.startIndex > body.totalResults)
                body.Resources = [];
            const version = body.meta?.version;
            if (args.etag && version && !res.headersSent) res.set("ETag", version);
        }
        return send(body);
    };
    next();
});

app.use(BASE, new SCIMMYRouters({
    type: "bearer",
    handler: () => "peer",
    baseUri: (req) => `http://127.0.0.1:${req.socket.localPort}`,
}));

// The routers switch every feature on when constructed; set the ones this peer was started with after.
SCIMMY.Config.set({
    patch: !args["no-patch"],
    bulk: {supported: !args["no-bulk"], maxOperations, maxPayloadSize: maxPayload},
    filter: {supported: true, maxResults},
    sort: true,
    etag: args.etag,
    changePassword: false,
});

// Errors raised before or after the routers (a body too large, bad JSON): SCIM error bodies too.
app.use((err, req, res, next) => {
    if (res.headersSent) return;
    const status = err.status ?? err.statusCode ?? 500;
    if (status === 413) return scimError(res, 413, `The request body exceeds maxPayloadSize (${maxPayload} bytes)`);
    if (status === 400) return scimError(res, 400, `Invalid request body: ${err.message}`, "invalidSyntax");
    if (status >= 500) console.error(err);
    scimError(res, status, err.message);
});

const server = app.listen(port, "127.0.0.1", () => {
    process.stdout.write(`listening ${server.address().port}\n`);
});
server.on("error", (err) => {
    console.error(`cannot listen on 127.0.0.1:${port}: ${err.message}`);
    process.exit(1);
});

// Hand-written Express reference for the petstore benchmark: GET /pets/:id, GET /pets, POST /pets.
//
// What an experienced Node engineer writes by hand with the generated app's stack: Express 5, knex
// with better-sqlite3 (same pragmas) or pg, an ajv schema as strict as the spec, errors in the
// spec's Error schema. Run: PORT=8000 DATABASE_URL=sqlite:////abs.db node server.js (the tables
// must exist: the benchmark reuses the database the generated app migrated, and its node_modules).
"use strict";

const express = require("express");
const knex = require("knex");
const Ajv = require("ajv");

const url = process.env.DATABASE_URL;
const postgres = /^postgres(ql)?:\/\//.test(url);
const db = postgres
  ? knex({ client: "pg", connection: url, pool: { min: 0, max: 10 } })
  : knex({
      client: "better-sqlite3",
      connection: { filename: url.replace(/^sqlite:\/\//, "") },
      useNullAsDefault: true,
      pool: {
        afterCreate: (connection, done) => {
          connection.pragma("foreign_keys = ON");
          connection.pragma("busy_timeout = 5000");
          done(null, connection);
        },
      },
    });

const validNewPet = new Ajv({ allErrors: false }).compile({
  type: "object",
  required: ["name"],
  properties: {
    name: { type: "string", minLength: 1, maxLength: 100 },
    tag: { type: ["string", "null"], maxLength: 50 },
    status: { enum: ["available", "pending", "sold"] },
    categoryId: { type: ["integer", "null"], minimum: 1 },
  },
});

const COLUMNS = ["id", "name", "tag", "status", "category_id", "created_at"];

function toPet(row) {
  const createdAt = row.created_at instanceof Date
    ? row.created_at
    : new Date(row.created_at.replace(" ", "T") + "Z");
  return {
    id: Number(row.id),
    name: row.name,
    tag: row.tag,
    status: row.status,
    categoryId: row.category_id === null ? null : Number(row.category_id),
    createdAt: createdAt.toISOString(),
  };
}

function error(res, status, message) {
  res.status(status).json({ code: status, message });
}

function intParam(text, fallback, low, high) {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text)) return NaN;
  const value = Number(text);
  return value >= low && value <= high ? value : NaN;
}

const app = express();
app.disable("x-powered-by");
app.use(express.json());

app.get("/healthz", (_req, res) => res.json({ status: "ok" }));

app.get("/pets/:id", async (req, res) => {
  const id = intParam(req.params.id, NaN, 1, Number.MAX_SAFE_INTEGER);
  if (Number.isNaN(id)) return error(res, 400, "petId must be an integer >= 1");
  const row = await db("pets").select(COLUMNS).where({ id }).first();
  if (!row) return error(res, 404, "no such pet");
  res.json(toPet(row));
});

app.get("/pets", async (req, res) => {
  const limit = intParam(req.query.limit, 20, 1, 100);
  const offset = intParam(req.query.offset, 0, 0, 2147483647);
  if (Number.isNaN(limit) || Number.isNaN(offset)) {
    return error(res, 400, "limit must be 1..100 and offset >= 0");
  }
  const rows = await db("pets").select(COLUMNS).orderBy("id").limit(limit).offset(offset);
  res.json(rows.map(toPet));
});

app.post("/pets", async (req, res) => {
  const body = req.body;
  if (!validNewPet(body)) return error(res, 400, validNewPet.errors[0].message);
  const values = { name: body.name, tag: body.tag ?? null, category_id: body.categoryId ?? null };
  if (body.status !== undefined) values.status = body.status;
  try {
    const row = await db.transaction(async (trx) => {
      const [inserted] = await trx("pets").insert(values).returning(COLUMNS);
      return inserted;
    });
    res.location(`/pets/${row.id}`).status(201).json(toPet(row));
  } catch {
    error(res, 409, "the pet conflicts with existing data");
  }
});

app.use((err, _req, res, _next) => {
  error(res, err.status && err.status < 500 ? err.status : 500, "invalid request");
});

app.listen(Number(process.env.PORT ?? 8000), "127.0.0.1");

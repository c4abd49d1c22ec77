"""Columns a BEFORE INSERT trigger fills are known, so a create need not set them."""

from __future__ import annotations

from sql_test_helpers import codes


def test_postgres_trigger_function_fills_columns(parse_sql):
    db, diags = parse_sql("""
CREATE TABLE posts (id int PRIMARY KEY, status text NOT NULL, slug text NOT NULL, stamped timestamptz NOT NULL);
CREATE FUNCTION fill_post() RETURNS trigger AS $$
BEGIN
  IF NEW.status = 'draft' THEN
    NEW.slug := lower(NEW.status);
  END IF;
  NEW.stamped = now();
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER posts_fill BEFORE INSERT OR UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION fill_post();
""")
    assert codes(diags) == []
    posts = db.table("posts")
    assert posts.column("slug").filled_by_trigger == "posts_fill"
    assert posts.column("stamped").filled_by_trigger == "posts_fill"
    assert posts.column("status").filled_by_trigger is None  # compared, not assigned


def test_after_and_update_only_triggers_fill_nothing(parse_sql):
    db, _ = parse_sql("""
CREATE TABLE t (id int PRIMARY KEY, x text NOT NULL);
CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN NEW.x := 'a'; RETURN NEW; END $$ LANGUAGE plpgsql;
CREATE TRIGGER after_insert AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
CREATE TRIGGER before_update BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();
""")
    assert db.table("t").column("x").filled_by_trigger is None


def test_mysql_trigger_body_fills_columns(parse_sql):
    db, _ = parse_sql(
        "CREATE TABLE t (id INT PRIMARY KEY, code VARCHAR(20) NOT NULL);\n"
        "CREATE TRIGGER t_code BEFORE INSERT ON t FOR EACH ROW SET NEW.code = UUID();",
        dialect="mysql",
    )
    assert db.table("t").column("code").filled_by_trigger == "t_code"

// Hand-written Gin reference for the petstore benchmark: GET /pets/:id, GET /pets, POST /pets.
//
// What an experienced Go engineer writes by hand with the generated app's stack: gin in release
// mode, database/sql with modernc.org/sqlite (same pragmas, one connection) or pgx, hand-written
// validation as strict as the spec, errors in the spec's Error schema. Run: PORT=8000
// DATABASE_URL=sqlite:////abs.db ./server (the tables must exist: the benchmark reuses the database
// the generated app migrated).
package main

import (
	"database/sql"
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

type pet struct {
	ID         int64   `json:"id"`
	Name       string  `json:"name"`
	Tag        *string `json:"tag"`
	Status     string  `json:"status"`
	CategoryID *int64  `json:"categoryId"`
	CreatedAt  dbTime  `json:"createdAt"`
}

// dbTime reads a timestamp column: time.Time from PostgreSQL, text from SQLite's TEXT column.
type dbTime struct{ time.Time }

func (t *dbTime) Scan(value any) error {
	switch v := value.(type) {
	case time.Time:
		t.Time = v.UTC()
		return nil
	case string:
		return t.parse(v)
	case []byte:
		return t.parse(string(v))
	}
	return errors.New("created_at: unexpected type")
}

func (t *dbTime) parse(text string) error {
	for _, layout := range []string{"2006-01-02 15:04:05", time.RFC3339Nano, "2006-01-02 15:04:05.999999999Z07:00"} {
		if parsed, err := time.Parse(layout, text); err == nil {
			t.Time = parsed.UTC()
			return nil
		}
	}
	return errors.New("created_at: unreadable timestamp " + text)
}

type newPet struct {
	Name       *string `json:"name"`
	Tag        *string `json:"tag"`
	Status     *string `json:"status"`
	CategoryID *int64  `json:"categoryId"`
}

// store holds the pool and its three statements, written once in the database's placeholder style.
type store struct {
	db                            *sql.DB
	selectOne, selectPage, insert string
}

const columns = "id, name, tag, status, category_id, created_at"

func newStore(db *sql.DB, postgres bool) *store {
	placeholders := func(query string) string {
		if !postgres {
			return query
		}
		var b strings.Builder
		n := 0
		for _, r := range query {
			if r == '?' {
				n++
				b.WriteString("$" + strconv.Itoa(n))
			} else {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	return &store{
		db:         db,
		selectOne:  placeholders("SELECT " + columns + " FROM pets WHERE id = ?"),
		selectPage: placeholders("SELECT " + columns + " FROM pets ORDER BY id LIMIT ? OFFSET ?"),
		insert:     placeholders("INSERT INTO pets (name, tag, status, category_id) VALUES (?, ?, ?, ?) RETURNING " + columns),
	}
}

func scan(row interface{ Scan(...any) error }) (pet, error) {
	var p pet
	err := row.Scan(&p.ID, &p.Name, &p.Tag, &p.Status, &p.CategoryID, &p.CreatedAt)
	return p, err
}

func problem(c *gin.Context, status int, message string) {
	c.JSON(status, gin.H{"code": status, "message": message})
}

func (s *store) show(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		problem(c, http.StatusBadRequest, "petId must be an integer >= 1")
		return
	}
	p, err := scan(s.db.QueryRowContext(c.Request.Context(), s.selectOne, id))
	if errors.Is(err, sql.ErrNoRows) {
		problem(c, http.StatusNotFound, "no such pet")
		return
	}
	if err != nil {
		log.Printf("GET /pets/:id: %v", err)
		problem(c, http.StatusInternalServerError, "internal error")
		return
	}
	c.JSON(http.StatusOK, p)
}

func queryInt(c *gin.Context, name string, fallback, low, high int64) (int64, bool) {
	text, ok := c.GetQuery(name)
	if !ok {
		return fallback, true
	}
	n, err := strconv.ParseInt(text, 10, 64)
	return n, err == nil && n >= low && n <= high
}

func (s *store) list(c *gin.Context) {
	limit, okLimit := queryInt(c, "limit", 20, 1, 100)
	offset, okOffset := queryInt(c, "offset", 0, 0, 2147483647)
	if !okLimit || !okOffset {
		problem(c, http.StatusBadRequest, "limit must be 1..100 and offset >= 0")
		return
	}
	rows, err := s.db.QueryContext(c.Request.Context(), s.selectPage, limit, offset)
	if err != nil {
		problem(c, http.StatusInternalServerError, "internal error")
		return
	}
	defer rows.Close()
	pets := make([]pet, 0, limit)
	for rows.Next() {
		p, err := scan(rows)
		if err != nil {
			problem(c, http.StatusInternalServerError, "internal error")
			return
		}
		pets = append(pets, p)
	}
	c.JSON(http.StatusOK, pets)
}

func valid(body newPet) string {
	switch {
	case body.Name == nil || utf8.RuneCountInString(*body.Name) < 1 || utf8.RuneCountInString(*body.Name) > 100:
		return "name: 1 to 100 characters, required"
	case body.Tag != nil && utf8.RuneCountInString(*body.Tag) > 50:
		return "tag: at most 50 characters"
	case body.Status != nil && *body.Status != "available" && *body.Status != "pending" && *body.Status != "sold":
		return "status: available, pending or sold"
	case body.CategoryID != nil && *body.CategoryID < 1:
		return "categoryId: >= 1"
	}
	return ""
}

func (s *store) create(c *gin.Context) {
	var body newPet
	if err := json.NewDecoder(c.Request.Body).Decode(&body); err != nil {
		problem(c, http.StatusBadRequest, "the body must be a JSON NewPet")
		return
	}
	if message := valid(body); message != "" {
		problem(c, http.StatusBadRequest, message)
		return
	}
	status := "available"
	if body.Status != nil {
		status = *body.Status
	}
	// One INSERT ... RETURNING is atomic on its own: no explicit transaction (BEGIN, COMMIT and a
	// deferred ROLLBACK around it only add statements and hold the single SQLite connection longer).
	p, err := scan(s.db.QueryRowContext(c.Request.Context(), s.insert,
		*body.Name, body.Tag, status, body.CategoryID))
	if err != nil {
		problem(c, http.StatusConflict, "the pet conflicts with existing data")
		return
	}
	c.Header("Location", "/pets/"+strconv.FormatInt(p.ID, 10))
	c.JSON(http.StatusCreated, p)
}

func open(url string) (*store, error) {
	if strings.HasPrefix(url, "postgres") {
		db, err := sql.Open("pgx", url)
		if err != nil {
			return nil, err
		}
		db.SetMaxOpenConns(10)
		db.SetMaxIdleConns(10)
		return newStore(db, true), nil
	}
	path := strings.TrimPrefix(strings.TrimPrefix(url, "sqlite:"), "///") // sqlite:////abs.db
	dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_time_format=sqlite"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return newStore(db, false), nil
}

func main() {
	s, err := open(os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery())
	r.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	r.GET("/pets/:id", s.show)
	r.GET("/pets", s.list)
	r.POST("/pets", s.create)
	port := os.Getenv("PORT")
	if port == "" {
		port = "8000"
	}
	log.Fatal(r.Run("127.0.0.1:" + port))
}

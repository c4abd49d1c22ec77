package bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hand-written Spring Boot reference for the petstore benchmark: GET /pets/{id}, GET /pets, POST
 * /pets. What an experienced Spring engineer writes by hand with the generated app's stack: Spring
 * MVC, JdbcClient on HikariCP (one connection for SQLite, as generated) with sqlite-jdbc or the
 * PostgreSQL driver, validation as strict as the spec, errors in the spec's Error schema. The
 * tables must exist: the benchmark reuses the database the generated app migrated.
 */
@SpringBootApplication
@RestController
public class PetstoreApplication {

  record Pet(long id, String name, String tag, String status, Long categoryId, Instant createdAt) {}

  record NewPet(String name, String tag, String status, Long categoryId) {}

  record Error(int code, String message) {}

  static class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message);
    }
  }

  private static final String COLUMNS = "id, name, tag, status, category_id, created_at";
  private static final Set<String> STATUSES = Set.of("available", "pending", "sold");
  private static final DateTimeFormatter SQLITE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final JdbcClient jdbc;

  PetstoreApplication(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public static void main(String[] args) {
    SpringApplication.run(PetstoreApplication.class, args);
  }

  @Bean
  static DataSource dataSource(@Value("${DATABASE_URL}") String url) {
    HikariConfig config = new HikariConfig();
    if (url.startsWith("sqlite:")) {
      String file = url.substring("sqlite:".length()).replaceFirst("^///", "");
      config.setJdbcUrl("jdbc:sqlite:" + file + "?foreign_keys=true&busy_timeout=5000&journal_mode=wal");
      config.setMaximumPoolSize(1);
    } else {
      URI uri = URI.create(url);
      config.setJdbcUrl("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath());
      if (uri.getUserInfo() != null) {
        String[] user = uri.getUserInfo().split(":", 2);
        config.setUsername(user[0]);
        config.setPassword(user.length > 1 ? user[1] : null);
      }
      config.setMaximumPoolSize(10);
    }
    return new HikariDataSource(config);
  }

  private static Pet pet(ResultSet rs, int row) throws SQLException {
    Object created = rs.getObject("created_at");
    Instant createdAt =
        created instanceof String text
            ? LocalDateTime.parse(text, SQLITE_TIME).toInstant(ZoneOffset.UTC)
            : rs.getTimestamp("created_at").toInstant();
    long category = rs.getLong("category_id");
    return new Pet(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("tag"),
        rs.getString("status"),
        rs.wasNull() ? null : category,
        createdAt);
  }

  @GetMapping("/healthz")
  Map<String, String> healthz() {
    return Map.of("status", "ok");
  }

  @GetMapping("/pets/{id}")
  ResponseEntity<Object> show(@PathVariable long id) {
    if (id < 1) {
      throw new Invalid("petId must be >= 1");
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM pets WHERE id = ?")
        .param(id)
        .query(PetstoreApplication::pet)
        .optional()
        .<ResponseEntity<Object>>map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.status(404).body(new Error(404, "no such pet")));
  }

  @GetMapping("/pets")
  List<Pet> list(
      @RequestParam(defaultValue = "20") int limit, @RequestParam(defaultValue = "0") int offset) {
    if (limit < 1 || limit > 100 || offset < 0) {
      throw new Invalid("limit must be 1..100 and offset >= 0");
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM pets ORDER BY id LIMIT ? OFFSET ?")
        .params(limit, offset)
        .query(PetstoreApplication::pet)
        .list();
  }

  @PostMapping("/pets")
  @Transactional
  public ResponseEntity<Pet> create(@RequestBody NewPet body) {
    if (body.name() == null || body.name().isEmpty() || body.name().length() > 100) {
      throw new Invalid("name: 1 to 100 characters, required");
    }
    if (body.tag() != null && body.tag().length() > 50) {
      throw new Invalid("tag: at most 50 characters");
    }
    if (body.status() != null && !STATUSES.contains(body.status())) {
      throw new Invalid("status: available, pending or sold");
    }
    if (body.categoryId() != null && body.categoryId() < 1) {
      throw new Invalid("categoryId: >= 1");
    }
    Pet created =
        jdbc.sql(
                "INSERT INTO pets (name, tag, status, category_id) VALUES (?, ?, ?, ?) RETURNING "
                    + COLUMNS)
            .params(
                body.name(),
                body.tag(),
                body.status() == null ? "available" : body.status(),
                body.categoryId())
            .query(PetstoreApplication::pet)
            .single();
    return ResponseEntity.created(URI.create("/pets/" + created.id())).body(created);
  }

  @ExceptionHandler({Invalid.class, HttpMessageNotReadableException.class})
  ResponseEntity<Error> invalid(Exception e) {
    return ResponseEntity.badRequest().body(new Error(400, e.getMessage()));
  }

  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<Error> conflict(DataAccessException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(new Error(409, "the pet conflicts with existing data"));
  }
}

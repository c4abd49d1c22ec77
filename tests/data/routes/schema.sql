CREATE TABLE article (
    slug   VARCHAR(80)  PRIMARY KEY,
    title  VARCHAR(120) NOT NULL
);

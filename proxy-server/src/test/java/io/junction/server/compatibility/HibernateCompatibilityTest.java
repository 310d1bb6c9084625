package io.junction.server.compatibility;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Hibernate ORM 6 directly and through Junction, against PostgreSQL and MariaDB: dialect detection, schema
 * export, IDENTITY ids, UUID ids, relations, JPQL join fetch, criteria, pagination and optimistic locking.
 */
class HibernateCompatibilityTest {

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void hibernateBehavesAsOnADirectConnection(String kind) throws Exception {
        List<String> direct = scenario(DataSources.of(kind, false));
        List<String> junction = scenario(DataSources.of(kind, true));
        assertThat(junction).isEqualTo(direct);
        assertThat(junction).contains("uuid id: Dana, Dana, [3f2504e0-4f89-41d3-9a0c-0305e82c3301=Dana,"
                + " 9b2f7c1e-0d5a-4c1b-8e3f-6a7b8c9d0e1f=Eve]");
    }

    private static List<String> scenario(DataSource dataSource) {
        Configuration configuration = new Configuration()
                .addAnnotatedClass(Author.class)
                .addAnnotatedClass(Book.class)
                .addAnnotatedClass(Reader.class);
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "create-drop");
        List<String> seen = new ArrayList<>();
        try (SessionFactory factory = configuration.buildSessionFactory()) {
            seen.add("dialect: " + factory.unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class)
                    .getJdbcServices().getDialect().getClass().getSimpleName());
            long[] firstAuthorId = new long[1];
            factory.inTransaction(session -> {
                for (String name : List.of("Carol", "Alice", "Bob")) {
                    Author author = new Author(name);
                    session.persist(author);
                    for (int i = 1; i <= 2; i++) {
                        Book book = new Book(name + " vol " + i, new BigDecimal(name.length() * 10 + i + ".50"), author);
                        author.books.add(book);
                        session.persist(book);
                    }
                    if (firstAuthorId[0] == 0) {
                        firstAuthorId[0] = author.id;
                    }
                }
            });
            seen.add("identity assigned: " + (firstAuthorId[0] > 0));
            factory.inSession(session -> {
                List<Author> authors = session.createSelectionQuery(
                        "select distinct a from Author a join fetch a.books order by a.name", Author.class).getResultList();
                for (Author author : authors) {
                    seen.add(author.name + " has " + author.books.stream().map(b -> b.title).sorted().toList());
                }
                CriteriaBuilder cb = session.getCriteriaBuilder();
                CriteriaQuery<Book> query = cb.createQuery(Book.class);
                Root<Book> book = query.from(Book.class);
                query.where(cb.greaterThan(book.get("price"), new BigDecimal("40"))).orderBy(cb.asc(book.get("title")));
                seen.add("criteria: " + session.createQuery(query).getResultList().stream()
                        .map(b -> b.title + "=" + b.price).toList());
                seen.add("page: " + session.createSelectionQuery("from Book order by title", Book.class)
                        .setFirstResult(2).setMaxResults(3).getResultList().stream().map(b -> b.title).toList());
            });
            Session stale = factory.openSession();
            try (stale) {
                Author staleCopy = stale.get(Author.class, firstAuthorId[0]);
                factory.inTransaction(session -> session.get(Author.class, firstAuthorId[0]).name = "Carol II");
                Throwable conflict = catchThrowable(() -> {
                    stale.beginTransaction();
                    staleCopy.name = "Carol III";
                    stale.getTransaction().commit();
                });
                seen.add("optimistic lock: " + (conflict instanceof OptimisticLockException
                        || conflict instanceof org.hibernate.StaleStateException));
            }
            factory.inSession(session -> seen.add("version: "
                    + session.get(Author.class, firstAuthorId[0]).version));
            // Hibernate binds UUID ids with setObject(i, uuid): a uuid column on PostgreSQL and MariaDB.
            UUID readerId = UUID.fromString("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
            factory.inTransaction(session -> {
                session.persist(new Reader(readerId, "Dana"));
                session.persist(new Reader(UUID.fromString("9b2f7c1e-0d5a-4c1b-8e3f-6a7b8c9d0e1f"), "Eve"));
            });
            factory.inSession(session -> seen.add("uuid id: " + session.get(Reader.class, readerId).name + ", "
                    + session.createSelectionQuery("from Reader where id = :id", Reader.class)
                    .setParameter("id", readerId).getSingleResult().name + ", "
                    + session.createSelectionQuery("from Reader order by name", Reader.class).getResultList().stream()
                    .map(reader -> reader.id + "=" + reader.name).toList()));
        }
        return seen;
    }

    @Entity(name = "Author")
    @Table(name = "j3_hb_author")
    static class Author {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        long id;
        @Column(nullable = false, length = 40)
        String name;
        @Version
        int version;
        @OneToMany(mappedBy = "author")
        List<Book> books = new ArrayList<>();

        Author() {
        }

        Author(String name) {
            this.name = name;
        }
    }

    @Entity(name = "Reader")
    @Table(name = "j3_hb_reader")
    static class Reader {
        @Id
        UUID id;
        @Column(nullable = false, length = 40)
        String name;

        Reader() {
        }

        Reader(UUID id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Entity(name = "Book")
    @Table(name = "j3_hb_book")
    static class Book {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        long id;
        @Column(nullable = false, length = 60)
        String title;
        @Column(precision = 10, scale = 2)
        BigDecimal price;
        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        Author author;

        Book() {
        }

        Book(String title, BigDecimal price, Author author) {
            this.title = title;
            this.price = price;
            this.author = author;
        }
    }
}

package io.junction.server.compatibility;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.apache.ibatis.executor.BatchResult;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MyBatis 3.5 directly and through Junction, against PostgreSQL and MariaDB: an annotated mapper with
 * generated keys, dynamic SQL and the batch executor.
 */
class MyBatisCompatibilityTest {
    @BeforeAll
    static void createTables() throws Exception {
        for (String kind : List.of(Databases.POSTGRESQL, Databases.MARIADB)) {
            boolean pg = kind.equals(Databases.POSTGRESQL);
            Databases.upstream(kind).execute("DROP TABLE IF EXISTS j3_mb_task",
                    pg ? "CREATE TABLE j3_mb_task (id serial PRIMARY KEY, run varchar(10) NOT NULL,"
                            + " title varchar(40) NOT NULL, done boolean NOT NULL, priority int)"
                            : "CREATE TABLE j3_mb_task (id int AUTO_INCREMENT PRIMARY KEY, run varchar(10) NOT NULL,"
                            + " title varchar(40) NOT NULL, done boolean NOT NULL, priority int)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void myBatisBehavesAsOnADirectConnection(String kind) throws Exception {
        List<String> direct = scenario(DataSources.of(kind, false), "direct");
        List<String> junction = scenario(DataSources.of(kind, true), "junction");
        assertThat(junction).isEqualTo(direct);
    }

    private static List<String> scenario(DataSource dataSource, String run) {
        org.apache.ibatis.session.Configuration configuration = new org.apache.ibatis.session.Configuration(
                new Environment(run, new JdbcTransactionFactory(), dataSource));
        configuration.addMapper(TaskMapper.class);
        SqlSessionFactory factory = new SqlSessionFactoryBuilder().build(configuration);
        List<String> seen = new ArrayList<>();
        try (SqlSession session = factory.openSession()) {
            TaskMapper mapper = session.getMapper(TaskMapper.class);
            Task first = new Task(run, "write", false, 2);
            mapper.insert(first);
            seen.add("generated key matches row: " + (first.id != null && mapper.titleOf(first.id).equals("write")));
            mapper.insert(new Task(run, "test", true, null));
            mapper.insert(new Task(run, "ship", false, 1));
            session.commit();
            seen.add("undone: " + titles(mapper.find(run, false, null)));
            seen.add("prioritised: " + titles(mapper.find(run, null, 1)));
            seen.add("all: " + titles(mapper.find(run, null, null)));
        }
        try (SqlSession batch = factory.openSession(ExecutorType.BATCH)) {
            TaskMapper mapper = batch.getMapper(TaskMapper.class);
            for (String title : List.of("b1", "b2", "b3")) {
                mapper.insert(new Task(run, title, false, 5));
            }
            mapper.markDone(run, 5);
            List<BatchResult> results = batch.flushStatements();
            for (BatchResult result : results) {
                seen.add("batch " + result.getSql().trim().split("\\s+")[0] + " " + Arrays.toString(result.getUpdateCounts()));
            }
            batch.commit();
        }
        try (SqlSession session = factory.openSession()) {
            seen.add("done: " + titles(session.getMapper(TaskMapper.class).find(run, true, null)));
        }
        return seen;
    }

    private static List<String> titles(List<Task> tasks) {
        return tasks.stream().map(t -> t.title + (t.done ? "+" : "-") + t.priority).toList();
    }

    public interface TaskMapper {
        @Insert("INSERT INTO j3_mb_task (run, title, done, priority) VALUES (#{run}, #{title}, #{done}, #{priority})")
        @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
        int insert(Task task);

        @Select("SELECT title FROM j3_mb_task WHERE id = #{id}")
        String titleOf(int id);

        @Select({"<script>",
                "SELECT id, run, title, done, priority FROM j3_mb_task",
                "<where>",
                "  run = #{run}",
                "  <if test='done != null'>AND done = #{done}</if>",
                "  <if test='priority != null'>AND priority &lt;= #{priority}</if>",
                "</where>",
                "ORDER BY title",
                "</script>"})
        List<Task> find(@Param("run") String run, @Param("done") Boolean done, @Param("priority") Integer priority);

        @Update("UPDATE j3_mb_task SET done = true WHERE run = #{run} AND priority = #{priority}")
        int markDone(@Param("run") String run, @Param("priority") int priority);
    }

    public static class Task {
        public Integer id;
        public String run;
        public String title;
        public boolean done;
        public Integer priority;

        public Task() {
        }

        Task(String run, String title, boolean done, Integer priority) {
            this.run = run;
            this.title = title;
            this.done = done;
            this.priority = priority;
        }
    }
}

-- CSC-1 (see bench/README.md) in DuckDB SQL, for bench/run.sh: the same results.csv as schemec and
-- tests/oracle/csc1_oracle.py (header id,total,grade,pay; two decimals; rows in input order).
-- bench/run.sh replaces __INPUT__ and __OUTPUT__ with the file paths. All arithmetic is DECIMAL or integer,
-- never DOUBLE: items and rates are read as DECIMAL(9,2), weighted totals are exact DECIMALs, pay is computed
-- in integer cents (pool_cents * w100 // W100 with w100 = 100 * w, a whole number for every post and band).

SET preserve_insertion_order = true;

CREATE TEMP TABLE p AS
SELECT * FROM read_csv('__INPUT__', header = true, delim = ',', quote = '"', auto_detect = false,
  columns = {
    'id': 'VARCHAR',
    'unit': 'VARCHAR',
    'post': 'VARCHAR',
    'self_attitude': 'DECIMAL(9,2)', 'self_efficiency': 'DECIMAL(9,2)', 'self_quality': 'DECIMAL(9,2)', 'self_tasks': 'DECIMAL(9,2)', 'self_process': 'DECIMAL(9,2)', 'self_innovation': 'DECIMAL(9,2)', 'self_teamwork': 'DECIMAL(9,2)', 'self_communication': 'DECIMAL(9,2)', 'self_cohesion': 'DECIMAL(9,2)', 'self_feedback': 'DECIMAL(9,2)', 'self_complaints': 'DECIMAL(9,2)',
    'superior_attitude': 'DECIMAL(9,2)', 'superior_efficiency': 'DECIMAL(9,2)', 'superior_quality': 'DECIMAL(9,2)', 'superior_tasks': 'DECIMAL(9,2)', 'superior_process': 'DECIMAL(9,2)', 'superior_innovation': 'DECIMAL(9,2)', 'superior_teamwork': 'DECIMAL(9,2)', 'superior_communication': 'DECIMAL(9,2)', 'superior_cohesion': 'DECIMAL(9,2)', 'superior_feedback': 'DECIMAL(9,2)', 'superior_complaints': 'DECIMAL(9,2)',
    'resident_attitude': 'DECIMAL(9,2)', 'resident_efficiency': 'DECIMAL(9,2)', 'resident_quality': 'DECIMAL(9,2)', 'resident_tasks': 'DECIMAL(9,2)', 'resident_process': 'DECIMAL(9,2)', 'resident_innovation': 'DECIMAL(9,2)', 'resident_teamwork': 'DECIMAL(9,2)', 'resident_communication': 'DECIMAL(9,2)', 'resident_cohesion': 'DECIMAL(9,2)', 'resident_feedback': 'DECIMAL(9,2)', 'resident_complaints': 'DECIMAL(9,2)',
    'peer_attitude': 'DECIMAL(9,2)', 'peer_efficiency': 'DECIMAL(9,2)', 'peer_quality': 'DECIMAL(9,2)', 'peer_tasks': 'DECIMAL(9,2)', 'peer_process': 'DECIMAL(9,2)', 'peer_innovation': 'DECIMAL(9,2)', 'peer_teamwork': 'DECIMAL(9,2)', 'peer_communication': 'DECIMAL(9,2)', 'peer_cohesion': 'DECIMAL(9,2)', 'peer_feedback': 'DECIMAL(9,2)', 'peer_complaints': 'DECIMAL(9,2)',
    'awards_county': 'INTEGER',
    'awards_city': 'INTEGER',
    'major_mistakes': 'INTEGER',
    'absent_days': 'INTEGER',
    'support_rate': 'DECIMAL(9,2)',
    'completion_rate': 'DECIMAL(9,2)'
  });

CREATE TEMP TABLE scored AS
WITH g AS (
  SELECT rowid AS rn, id, unit, post, awards_county, awards_city, major_mistakes, absent_days,
    support_rate, completion_rate,
    self_attitude + self_efficiency + self_quality + self_tasks + self_process + self_innovation
      + self_teamwork + self_communication + self_cohesion + self_feedback + self_complaints AS g_self,
    superior_attitude + superior_efficiency + superior_quality + superior_tasks + superior_process + superior_innovation
      + superior_teamwork + superior_communication + superior_cohesion + superior_feedback + superior_complaints AS g_superior,
    resident_attitude + resident_efficiency + resident_quality + resident_tasks + resident_process + resident_innovation
      + resident_teamwork + resident_communication + resident_cohesion + resident_feedback + resident_complaints AS g_resident,
    peer_attitude + peer_efficiency + peer_quality + peer_tasks + peer_process + peer_innovation
      + peer_teamwork + peer_communication + peer_cohesion + peer_feedback + peer_complaints AS g_peer
  FROM p
), t AS (
  SELECT *,
    -- steps 2-5: weighted, bonus (capped at 8), deduction, total rounded half-up (values are >= 0 here)
    round(greatest(0.10 * g_self + 0.40 * g_superior + 0.30 * g_resident + 0.20 * g_peer
                   + least(8, awards_county + 5 * awards_city) - 5 * major_mistakes, 0), 2) AS total,
    absent_days > 15 AS vetoed
  FROM g
)
SELECT *,
  NOT vetoed AND total >= 85 AND support_rate >= 80 AS candidate,           -- step 7
  count(*) OVER (PARTITION BY unit) AS n_u,                                  -- every row of the unit
  (15 * count(*) OVER (PARTITION BY unit)) // 100 AS quota                   -- step 8: floor(0.15 n_u)
FROM t;

CREATE TEMP TABLE excellent AS                                               -- step 9
SELECT rn
FROM (
  SELECT rn, quota,
    rank() OVER (PARTITION BY unit ORDER BY total DESC, g_superior DESC) - 1 AS ahead,
    count(*) OVER (PARTITION BY unit, total, g_superior) AS tied
  FROM scored WHERE candidate
)
WHERE ahead + tied <= quota;

CREATE TEMP TABLE graded AS
SELECT s.*,
  CASE WHEN e.rn IS NOT NULL THEN '优秀'                                     -- step 10
       WHEN vetoed OR total < 60 THEN '不合格'
       ELSE '合格' END AS grade
FROM scored s LEFT JOIN excellent e ON s.rn = e.rn;

CREATE TEMP TABLE weighted AS                                                -- step 11, w100 = 100 * w
SELECT *,
  CASE WHEN grade = '不合格' THEN 0
       ELSE (CASE post WHEN '总干事' THEN 40 WHEN '项目主管' THEN 20 WHEN '督导' THEN 15 WHEN '社工' THEN 10 END)
          * (CASE WHEN completion_rate >= 90 THEN 12 WHEN completion_rate >= 75 THEN 10
                  WHEN completion_rate >= 60 THEN 8 ELSE 5 END)
  END::BIGINT AS w100,
  200000::BIGINT * n_u AS pool_cents                                         -- step 12: 2000.00 x n_u, in cents
FROM graded;

CREATE TEMP TABLE shares AS
SELECT *,
  CASE WHEN w_sum = 0 THEN 0 ELSE (pool_cents * w100) // w_sum END AS floor_cents,
  CASE WHEN w_sum = 0 THEN 0 ELSE (pool_cents * w100) % w_sum END AS remainder
FROM (SELECT *, sum(w100) OVER (PARTITION BY unit) AS w_sum FROM weighted);

CREATE TEMP TABLE paid AS
SELECT rn, id, total, grade,
  floor_cents + CASE WHEN w_sum > 0
                      AND row_number() OVER (PARTITION BY unit ORDER BY remainder DESC, id ASC)
                          <= pool_cents - sum(floor_cents) OVER (PARTITION BY unit)
                     THEN 1 ELSE 0 END AS cents
FROM shares;

COPY (
  SELECT id, CAST(total AS DECIMAL(18,2))::VARCHAR AS total, grade,
         printf('%d.%02d', cents // 100, cents % 100) AS pay
  FROM paid ORDER BY rn
) TO '__OUTPUT__' (HEADER true, DELIMITER ',', QUOTE '');

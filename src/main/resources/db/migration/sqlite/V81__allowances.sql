-- On SQLite one process serves, and keeps its allowances in memory; PostgreSQL's V81 makes the table that
-- several nodes share. This version exists here too so both schemas count versions alike.
SELECT 1;

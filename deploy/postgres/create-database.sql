-- Run as the postgres superuser: psql -f create-database.sql
-- Then: HEARTH_DB=postgresql://hearth:<password>@127.0.0.1:5432/hearth hearth migrate
CREATE ROLE hearth LOGIN PASSWORD 'change-me';
CREATE DATABASE hearth OWNER hearth ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE hearth FROM PUBLIC;

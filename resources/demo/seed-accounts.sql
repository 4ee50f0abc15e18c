-- The demo's Account rows: the parent keys metatable-sample-node draws AccountPositions'
-- account_uid values from (the UUID made from the MD5 of "example_project__account.uid/N",
-- version 3, N from 0), so that a run of AccountPositionsNode meets its foreign key.
INSERT INTO public.example_project__account (uid, display_name)
SELECT overlay(overlay(h PLACING '3' FROM 13 FOR 1)
               PLACING substr('89ab', (('x' || substr(h, 17, 1))::bit(4)::int & 3) + 1, 1)
               FROM 17 FOR 1)::uuid,
       'Demo account ' || n
FROM (SELECT n, md5('example_project__account.uid/' || n) AS h FROM generate_series(0, 9) AS n) AS keys
ON CONFLICT (uid) DO NOTHING;

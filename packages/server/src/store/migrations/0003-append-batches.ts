/**
 * Appends in batches: `append_events` does what 0002's `append_event` did for each of
 * several appends, in one transaction. PostgreSQL takes one database-wide lock while it
 * commits a transaction that called `pg_notify`, so a notifying append per
 * transaction made every append wait its turn; appends arriving while others are
 * being stored now share a commit (group commit), each still checked and stored — or
 * not — on its own (ADR 0006, "One round trip").
 *
 * No item can fail the batch: the unique keys are met with ON CONFLICT DO NOTHING (an
 * event id or meeting id taken in another thread at the same moment), which writes
 * nothing for that item and answers what is stored instead.
 */
export const id = '0003-append-batches';

export const sql = /* sql */ `
DROP FUNCTION meeting_scheduler.append_event(text, boolean, text, jsonb, text, text, integer, integer, text, text, jsonb, text, jsonb);

-- p_items: a JSON array of appends, each
--   { n (its 1-based index), thread_id, check_thread, title, participants, event_id, meeting_id,
--     expected_sequence, sequence, type, author_id, body, status, state }
-- with the meaning of 0002's append_event parameters. One row per item (item = its n):
-- stored_position when stored, else what was found under the lock.
-- Threads are locked in thread id order, so two batches never wait for each other in a
-- circle; a thread's items are applied in the order given.
CREATE FUNCTION meeting_scheduler.append_events(p_items jsonb) RETURNS TABLE (
  item integer,
  stored_position bigint,
  thread_found boolean,
  thread_title text,
  thread_participants jsonb,
  meeting_thread text,
  meeting_state jsonb,
  event_thread text,
  event_body jsonb
)
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  x record;
  v_position bigint;
  v_meeting_sequence integer;
  v_stored boolean;
BEGIN
  FOR x IN
    SELECT r.*
    FROM jsonb_to_recordset(p_items) AS r(
      n integer,
      thread_id text, check_thread boolean, title text, participants jsonb, event_id text, meeting_id text,
      expected_sequence integer, sequence integer, type text, author_id text, body jsonb, status text, state jsonb)
    ORDER BY r.thread_id, r.n
  LOOP
    item := x.n;
    stored_position := NULL; thread_found := NULL; thread_title := NULL; thread_participants := NULL;
    meeting_thread := NULL; meeting_state := NULL; event_thread := NULL; event_body := NULL;
    v_stored := false;

    -- Every statement after the lock reads a snapshot taken after it was granted.
    v_position := meeting_scheduler.lock_stream(x.thread_id);
    IF x.check_thread THEN
      SELECT t.title, t.participants INTO thread_title, thread_participants FROM meeting_scheduler.threads t WHERE t.id = x.thread_id;
      thread_found := FOUND;
    END IF;
    SELECT e.thread_id INTO event_thread FROM meeting_scheduler.events e WHERE e.id = x.event_id;
    SELECT m.thread_id, m.sequence INTO meeting_thread, v_meeting_sequence FROM meeting_scheduler.meetings m WHERE m.id = x.meeting_id;

    IF NOT ((x.check_thread AND (NOT thread_found OR thread_title IS DISTINCT FROM x.title OR thread_participants IS DISTINCT FROM x.participants))
            OR event_thread IS NOT NULL
            OR (CASE WHEN x.expected_sequence IS NULL THEN meeting_thread IS NOT NULL
                     ELSE meeting_thread IS DISTINCT FROM x.thread_id OR v_meeting_sequence IS DISTINCT FROM x.expected_sequence END))
    THEN
      IF meeting_thread IS NULL THEN
        INSERT INTO meeting_scheduler.meetings (id, thread_id, sequence, status, state)
        VALUES (x.meeting_id, x.thread_id, x.sequence, x.status, x.state) ON CONFLICT (id) DO NOTHING;
        v_stored := FOUND;
      ELSE
        v_stored := true;
      END IF;
      IF v_stored THEN
        INSERT INTO meeting_scheduler.events (id, thread_id, position, meeting_id, sequence, type, author_id, body)
        VALUES (x.event_id, x.thread_id, v_position + 1, x.meeting_id, x.sequence, x.type, x.author_id, x.body) ON CONFLICT DO NOTHING;
        v_stored := FOUND;
        IF NOT v_stored AND meeting_thread IS NULL THEN
          DELETE FROM meeting_scheduler.meetings WHERE id = x.meeting_id;
        END IF;
      END IF;
      IF v_stored THEN
        IF meeting_thread IS NOT NULL THEN
          UPDATE meeting_scheduler.meetings SET sequence = x.sequence, status = x.status, state = x.state, updated_at = now()
          WHERE id = x.meeting_id;
        END IF;
        v_position := v_position + 1;
        UPDATE meeting_scheduler.streams SET position = v_position WHERE thread_id = x.thread_id;
        PERFORM pg_notify('meeting_scheduler_stored', v_position || ' ' || x.thread_id);
        stored_position := v_position;
      ELSE
        -- Taken in another thread meanwhile: answer what is stored now.
        SELECT e.thread_id INTO event_thread FROM meeting_scheduler.events e WHERE e.id = x.event_id;
        SELECT m.thread_id INTO meeting_thread FROM meeting_scheduler.meetings m WHERE m.id = x.meeting_id;
      END IF;
    END IF;

    IF NOT v_stored THEN
      IF event_thread IS NOT NULL THEN
        SELECT e.body INTO event_body FROM meeting_scheduler.events e WHERE e.id = x.event_id;
      END IF;
      IF meeting_thread IS NOT NULL THEN
        SELECT m.state INTO meeting_state FROM meeting_scheduler.meetings m WHERE m.id = x.meeting_id;
      END IF;
    END IF;
    RETURN NEXT;
  END LOOP;
END;
$fn$;
`;

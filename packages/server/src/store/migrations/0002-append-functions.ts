/**
 * An append in one round trip. The server folds the event with core in JavaScript
 * against the thread and meeting it believes are current; these functions then take
 * the thread's lock and store the result only if that belief still holds — the thread
 * row the fold (and the membership check) used, no event with that id, and the
 * meeting still at the sequence the fold started from. Otherwise nothing is written
 * and the function answers what it found under the lock, so the caller can decide
 * again without another read (ADR 0006, "One round trip").
 */
export const id = '0002-append-functions';

export const sql = /* sql */ `
CREATE FUNCTION meeting_scheduler.lock_stream(p_thread_id text) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  v_position bigint;
BEGIN
  SELECT s.position INTO v_position FROM meeting_scheduler.streams s WHERE s.thread_id = p_thread_id FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO meeting_scheduler.streams (thread_id, position) VALUES (p_thread_id, 0) ON CONFLICT (thread_id) DO NOTHING;
    SELECT s.position INTO v_position FROM meeting_scheduler.streams s WHERE s.thread_id = p_thread_id FOR UPDATE;
  END IF;
  RETURN v_position;
END;
$fn$;

-- p_check_thread: the fold used the thread row (p_title, p_participants) read from the
-- threads table; it must still be exactly that. p_expected_sequence: the sequence of the
-- meeting the fold started from, null when it started from no meeting. On a mismatch, or
-- an event with this id already stored, nothing is written and stored_position is null;
-- the other columns are what the lock holder saw (thread_found is null when the thread was
-- not checked).
CREATE FUNCTION meeting_scheduler.append_event(
  p_thread_id text,
  p_check_thread boolean,
  p_title text,
  p_participants jsonb,
  p_event_id text,
  p_meeting_id text,
  p_expected_sequence integer,
  p_sequence integer,
  p_type text,
  p_author_id text,
  p_body jsonb,
  p_status text,
  p_state jsonb
) RETURNS TABLE (
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
  v_position bigint;
  v_meeting_sequence integer;
BEGIN
  -- Every statement after the lock reads a snapshot taken after it was granted (READ
  -- COMMITTED, volatile function), so it sees whatever the previous holder committed.
  v_position := meeting_scheduler.lock_stream(p_thread_id);
  IF p_check_thread THEN
    SELECT t.title, t.participants INTO thread_title, thread_participants FROM meeting_scheduler.threads t WHERE t.id = p_thread_id;
    thread_found := FOUND;
  END IF;
  SELECT e.thread_id INTO event_thread FROM meeting_scheduler.events e WHERE e.id = p_event_id;
  SELECT m.thread_id, m.sequence INTO meeting_thread, v_meeting_sequence FROM meeting_scheduler.meetings m WHERE m.id = p_meeting_id;

  IF (p_check_thread AND (NOT thread_found OR thread_title IS DISTINCT FROM p_title OR thread_participants IS DISTINCT FROM p_participants))
     OR event_thread IS NOT NULL
     OR (CASE WHEN p_expected_sequence IS NULL THEN meeting_thread IS NOT NULL
              ELSE meeting_thread IS DISTINCT FROM p_thread_id OR v_meeting_sequence IS DISTINCT FROM p_expected_sequence END)
  THEN
    IF event_thread IS NOT NULL THEN
      SELECT e.body INTO event_body FROM meeting_scheduler.events e WHERE e.id = p_event_id;
    END IF;
    IF meeting_thread IS NOT NULL THEN
      SELECT m.state INTO meeting_state FROM meeting_scheduler.meetings m WHERE m.id = p_meeting_id;
    END IF;
    RETURN NEXT;
    RETURN;
  END IF;

  v_position := v_position + 1;
  INSERT INTO meeting_scheduler.events (id, thread_id, position, meeting_id, sequence, type, author_id, body)
  VALUES (p_event_id, p_thread_id, v_position, p_meeting_id, p_sequence, p_type, p_author_id, p_body);
  IF meeting_thread IS NULL THEN
    -- A meeting id proposed in another thread at the same moment fails here (unique
    -- key), the whole append rolls back and the caller retries.
    INSERT INTO meeting_scheduler.meetings (id, thread_id, sequence, status, state)
    VALUES (p_meeting_id, p_thread_id, p_sequence, p_status, p_state);
  ELSE
    UPDATE meeting_scheduler.meetings SET sequence = p_sequence, status = p_status, state = p_state, updated_at = now()
    WHERE id = p_meeting_id;
  END IF;
  UPDATE meeting_scheduler.streams SET position = v_position WHERE thread_id = p_thread_id;
  PERFORM pg_notify('meeting_scheduler_stored', v_position || ' ' || p_thread_id);
  stored_position := v_position;
  RETURN NEXT;
END;
$fn$;

-- A message, or the one already stored with this id (stored_position null, nothing written).
CREATE FUNCTION meeting_scheduler.append_message(p_id text, p_thread_id text, p_author_id text, p_body jsonb)
RETURNS TABLE (stored_position bigint, existing_body jsonb)
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  v_position bigint;
BEGIN
  v_position := meeting_scheduler.lock_stream(p_thread_id);
  SELECT x.body INTO existing_body FROM meeting_scheduler.messages x WHERE x.id = p_id;
  IF FOUND THEN
    RETURN NEXT;
    RETURN;
  END IF;
  v_position := v_position + 1;
  INSERT INTO meeting_scheduler.messages (id, thread_id, position, author_id, body) VALUES (p_id, p_thread_id, v_position, p_author_id, p_body);
  UPDATE meeting_scheduler.streams SET position = v_position WHERE thread_id = p_thread_id;
  PERFORM pg_notify('meeting_scheduler_stored', v_position || ' ' || p_thread_id);
  stored_position := v_position;
  RETURN NEXT;
END;
$fn$;
`;

"""Interview entry without Qt: the recorder that takes one interview from the first question
to complete, aborted or resumed, writing every confirmed step to the project file.

The screens in :mod:`surveydesk.gui.entry` show what the recorder holds and pass on what the
interviewer typed; the state machine itself is :mod:`surveydesk.core.interview`, and the
writes are :mod:`surveydesk.store.entry`.
"""

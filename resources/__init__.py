"""Bundled resources: demo questionnaires and icons (package data of ``surveydesk.resources``)."""

-- Reserved for the intake questionnaires' schema step, which is written beside this one;
-- when both are in the same build this placeholder is deleted and theirs takes its number.
SELECT 1;

-- The Hub's training catalogue: seeded here, not by the app, so every database (Node and D1) has it once.
INSERT INTO `hub_assessments` (`code`, `title_en`, `title_cy`, `for_invigilators`, `pass_mark`, `sections`, `position`) VALUES
	('INV-INTRO', 'Introduction to invigilation', 'Cyflwyniad i oruchwylio', 1, 80, 3, 1),
	('INV-ONSCREEN', 'On-screen exams', 'Arholiadau ar sgrin', 1, 80, 2, 2),
	('INV-ACCESS', 'Access arrangements', 'Trefniadau mynediad', 1, 80, 2, 3),
	('INV-MALPRACTICE', 'Malpractice in the exam room', 'Camymarfer yn yr ystafell arholiad', 1, 80, 1, 4),
	('INV-EMERGENCY', 'Emergencies and evacuation', 'Argyfyngau a gwacáu', 1, 100, 1, 5),
	('EO-ESSENTIALS', 'Exams officer essentials', 'Hanfodion y Swyddog Arholiadau', 0, 80, 7, 6),
	('EO-POSTRESULTS', 'Post-results services', 'Gwasanaethau ar ôl y Canlyniadau', 0, 80, 5, 7),
	('EO-NEA', 'Non-examination assessment', 'Asesiad di-arholiad', 0, 80, 2, 8),
	('SLT-HEAD', 'Head of Centre responsibilities', 'Cyfrifoldebau Pennaeth Canolfan', 0, 80, 2, 9);
